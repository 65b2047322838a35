package org.rasterdesk.db;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A libpq connection option: its keyword, the environment variable that supplies it and, when pgjdbc has an
 * equivalent, the JDBC property it becomes.
 */
enum LibpqOption {
    HOST("host", "PGHOST"),
    HOSTADDR("hostaddr", "PGHOSTADDR"),
    PORT("port", "PGPORT"),
    DBNAME("dbname", "PGDATABASE"),
    USER("user", "PGUSER"),
    PASSWORD("password", "PGPASSWORD"),
    PASSFILE("passfile", "PGPASSFILE"),
    SERVICE("service", "PGSERVICE"),
    SSLMODE("sslmode", "PGSSLMODE", "sslmode"),
    SSLCERT("sslcert", "PGSSLCERT", "sslcert"),
    SSLKEY("sslkey", "PGSSLKEY", "sslkey"),
    SSLROOTCERT("sslrootcert", "PGSSLROOTCERT", "sslrootcert"),
    SSLPASSWORD("sslpassword", null, "sslpassword"),
    SSLNEGOTIATION("sslnegotiation", "PGSSLNEGOTIATION", "sslNegotiation"),
    CHANNEL_BINDING("channel_binding", "PGCHANNELBINDING", "channelBinding"),
    GSSENCMODE("gssencmode", "PGGSSENCMODE", "gssEncMode"),
    KRBSRVNAME("krbsrvname", "PGKRBSRVNAME", "kerberosServerName"),
    CONNECT_TIMEOUT("connect_timeout", "PGCONNECT_TIMEOUT", "connectTimeout"),
    APPLICATION_NAME("application_name", "PGAPPNAME", "ApplicationName"),
    FALLBACK_APPLICATION_NAME("fallback_application_name", null),
    OPTIONS("options", "PGOPTIONS", "options"),
    KEEPALIVES("keepalives", null, "tcpKeepAlive", v -> "0".equals(v.strip()) ? "false" : "true"),
    // pgjdbc has no read-write/read-only check; primary/secondary are the closest it offers.
    TARGET_SESSION_ATTRS("target_session_attrs", "PGTARGETSESSIONATTRS", "targetServerType",
            v -> switch (v) {
                case "read-write", "primary" -> "primary";
                case "read-only", "standby" -> "secondary";
                case "prefer-standby" -> "preferSecondary";
                default -> "any";
            }),
    // Known to libpq but without a pgjdbc equivalent: accepted, then dropped with a warning.
    CLIENT_ENCODING("client_encoding", "PGCLIENTENCODING"),
    KEEPALIVES_IDLE("keepalives_idle", null),
    KEEPALIVES_INTERVAL("keepalives_interval", null),
    KEEPALIVES_COUNT("keepalives_count", null),
    TCP_USER_TIMEOUT("tcp_user_timeout", null),
    SSLCOMPRESSION("sslcompression", "PGSSLCOMPRESSION"),
    SSLCERTMODE("sslcertmode", "PGSSLCERTMODE"),
    SSLCRL("sslcrl", "PGSSLCRL"),
    SSLCRLDIR("sslcrldir", "PGSSLCRLDIR"),
    SSLSNI("sslsni", "PGSSLSNI"),
    SSL_MIN_PROTOCOL_VERSION("ssl_min_protocol_version", "PGSSLMINPROTOCOLVERSION"),
    SSL_MAX_PROTOCOL_VERSION("ssl_max_protocol_version", "PGSSLMAXPROTOCOLVERSION"),
    REQUIREPEER("requirepeer", "PGREQUIREPEER"),
    REQUIRE_AUTH("require_auth", "PGREQUIREAUTH"),
    GSSLIB("gsslib", "PGGSSLIB"),
    GSSDELEGATION("gssdelegation", "PGGSSDELEGATION"),
    REPLICATION("replication", null),
    LOAD_BALANCE_HOSTS("load_balance_hosts", "PGLOADBALANCEHOSTS");

    private static final Map<String, LibpqOption> BY_KEYWORD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(LibpqOption::keyword, Function.identity()));

    private final String keyword;
    private final String environmentVariable;
    private final String jdbcProperty;
    private final UnaryOperator<String> toJdbcValue;

    LibpqOption(String keyword, String environmentVariable) {
        this(keyword, environmentVariable, null, null);
    }

    LibpqOption(String keyword, String environmentVariable, String jdbcProperty) {
        this(keyword, environmentVariable, jdbcProperty, null);
    }

    /** @param toJdbcValue translates libpq's values into pgjdbc's, null when they are the same */
    LibpqOption(String keyword, String environmentVariable, String jdbcProperty, UnaryOperator<String> toJdbcValue) {
        this.keyword = keyword;
        this.environmentVariable = environmentVariable;
        this.jdbcProperty = jdbcProperty;
        this.toJdbcValue = toJdbcValue;
    }

    static Optional<LibpqOption> byKeyword(String keyword) {
        return Optional.ofNullable(BY_KEYWORD.get(keyword));
    }

    /** The option whose pgjdbc property has this name and takes libpq's values unchanged. */
    static Optional<LibpqOption> byJdbcProperty(String property) {
        if (property.equals("user") || property.equals("password") || property.equals("service")) {
            return byKeyword(property);
        }
        return Arrays.stream(values())
                .filter(o -> property.equals(o.jdbcProperty) && o.toJdbcValue == null)
                .findFirst();
    }

    String keyword() {
        return keyword;
    }

    Optional<String> environmentVariable() {
        return Optional.ofNullable(environmentVariable);
    }

    Optional<String> jdbcProperty() {
        return Optional.ofNullable(jdbcProperty);
    }

    String toJdbcValue(String libpqValue) {
        return toJdbcValue == null ? libpqValue : toJdbcValue.apply(libpqValue);
    }
}

package org.rasterdesk.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Decides where to connect the way psql and QGIS (libpq) do: explicit fields over the connection string, over
 * the named service of pg_service.conf, over the PG* environment variables, over libpq's defaults; the password
 * comes from the password file only when none was given.
 */
public final class ConnectionResolver {

    /** Where Debian's libpq looks for the system-wide pg_service.conf when PGSYSCONFDIR is not set. */
    public static final Path DEFAULT_SYSCONFDIR = Path.of("/etc/postgresql-common");

    static final String DEFAULT_HOST = "localhost";
    static final String DEFAULT_PORT = "5432";

    private static final Logger LOG = Logger.getLogger(ConnectionResolver.class.getName());

    private final Map<String, String> environment;
    private final Path homeDir;
    private final String osUser;
    private final Consumer<String> warnings;

    /**
     * @param environment the process environment (PGHOST, PGPASSFILE, PGSERVICE, ...)
     * @param homeDir     the folder holding .pgpass and .pg_service.conf
     * @param osUser      the user name libpq falls back to
     */
    public ConnectionResolver(Map<String, String> environment, Path homeDir, String osUser) {
        this(environment, homeDir, osUser, LOG::warning);
    }

    /** @param warnings told about files or options that are ignored (an unsafe password file, say) */
    public ConnectionResolver(Map<String, String> environment, Path homeDir, String osUser,
                              Consumer<String> warnings) {
        this.environment = Map.copyOf(environment);
        this.homeDir = homeDir;
        this.osUser = osUser;
        this.warnings = warnings;
    }

    /** The resolver of this process: its environment, home folder and user. */
    public static ConnectionResolver forCurrentUser() {
        return new ConnectionResolver(System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty("user.name"));
    }

    /** @see #resolve(String, ConnectionFields) */
    public ConnectionSettings resolve(String connectionString) {
        return resolve(connectionString, ConnectionFields.none());
    }

    /** @see #resolve(String, ConnectionFields) */
    public ConnectionSettings resolve(ConnectionFields fields) {
        return resolve(null, fields);
    }

    /**
     * @param connectionString a libpq URI, a libpq keyword/value string or a pgjdbc URL; null or blank for none
     * @param fields           values that override everything else
     * @throws IllegalArgumentException when the string is malformed, the port is not a number or the named
     *                                  service is in no service file
     * @throws UncheckedIOException     when a service file exists but cannot be read
     */
    public ConnectionSettings resolve(String connectionString, ConnectionFields fields) {
        ConnectionString parsed = ConnectionString.parse(connectionString);
        Map<LibpqOption, String> explicit = fields.options();
        String serviceName = first(explicit.get(LibpqOption.SERVICE), parsed.options().get(LibpqOption.SERVICE),
                environmentValue(LibpqOption.SERVICE));
        if (serviceName != null && serviceName.isEmpty()) {
            serviceName = null;
        }
        Map<LibpqOption, String> service = serviceName == null ? Map.of() : service(serviceName);
        Map<LibpqOption, String> options = new EnumMap<>(LibpqOption.class);
        for (LibpqOption option : LibpqOption.values()) {
            String value = first(explicit.get(option), parsed.options().get(option), service.get(option),
                    environmentValue(option));
            if (value != null) {
                options.put(option, value);
            }
        }
        return settings(options, parsed.jdbcProperties(), serviceName);
    }

    private ConnectionSettings settings(Map<LibpqOption, String> options, Map<String, String> passThrough,
                                        String serviceName) {
        String user = valueOr(options, LibpqOption.USER, osUser);
        String database = valueOr(options, LibpqOption.DBNAME, user);
        String port = valueOr(options, LibpqOption.PORT, DEFAULT_PORT);
        checkPort(port);
        String host = valueOr(options, LibpqOption.HOST, null);
        String hostaddr = valueOr(options, LibpqOption.HOSTADDR, null);
        // libpq connects to hostaddr when given but looks the password up under the host name.
        String namedHost = host != null ? host : hostaddr != null ? hostaddr : DEFAULT_HOST;
        // libpq maps only its default socket folder to "localhost" here; we map every socket folder, since we
        // go to localhost over TCP for all of them and its line is the one that applies.
        String passwordHost = isSocket(namedHost) ? DEFAULT_HOST : namedHost;
        String connectHost = hostaddr != null ? hostaddr : host != null ? host : DEFAULT_HOST;
        if (isSocket(connectHost)) {
            warnings.accept("Unix-domain socket " + connectHost + " cannot be used from Java; connecting to "
                    + DEFAULT_HOST + " over TCP instead");
            connectHost = DEFAULT_HOST;
        }
        String password = valueOr(options, LibpqOption.PASSWORD, null);
        if (password == null) {
            Path passFile = Optional.ofNullable(valueOr(options, LibpqOption.PASSFILE, null)).map(Path::of)
                    .orElse(homeDir.resolve(".pgpass"));
            password = PgPassFile.load(passFile, warnings)
                    .flatMap(f -> f.password(passwordHost, port, database, user))
                    .filter(p -> !p.isEmpty()) // libpq too sends no password for an empty one
                    .orElse(null);
        }
        String url = "jdbc:postgresql://" + (connectHost.contains(":") ? "[" + connectHost + "]" : connectHost)
                + ":" + port + "/" + encode(database) + query(jdbcProperties(options, passThrough));
        String description = user + "@" + connectHost + ":" + port + "/" + database
                + (serviceName == null ? "" : " (service " + serviceName + ")");
        return new ConnectionSettings(url, user, password, description);
    }

    private Map<String, String> jdbcProperties(Map<LibpqOption, String> options, Map<String, String> passThrough) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<LibpqOption, String> e : options.entrySet()) {
            LibpqOption option = e.getKey();
            if (e.getValue().isEmpty() || isResolvedHere(option)) {
                continue;
            }
            Optional<String> property = option.jdbcProperty();
            if (property.isPresent()) {
                properties.put(property.get(), option.toJdbcValue(e.getValue()));
            } else {
                warnings.accept("Connection option " + option.keyword() + " is not supported by the Java driver"
                        + " and is ignored");
            }
        }
        String fallbackName = options.get(LibpqOption.FALLBACK_APPLICATION_NAME);
        if (fallbackName != null && !fallbackName.isEmpty()) {
            properties.putIfAbsent("ApplicationName", fallbackName);
        }
        passThrough.forEach(properties::putIfAbsent);
        return properties;
    }

    /** Options that end up in the URL's host, port and path, in ConnectionSettings, or nowhere by design. */
    private static boolean isResolvedHere(LibpqOption option) {
        return switch (option) {
            case HOST, HOSTADDR, PORT, DBNAME, USER, PASSWORD, PASSFILE, SERVICE, FALLBACK_APPLICATION_NAME -> true;
            default -> false;
        };
    }

    private Map<LibpqOption, String> service(String name) {
        for (Path file : serviceFiles()) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                Optional<Map<LibpqOption, String>> service = ServiceFile.read(file).service(name);
                if (service.isPresent()) {
                    return service.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read service file " + file + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("definition of service \"" + name + "\" not found");
    }

    /** The user's file first; the system-wide one only when the user's lacks the service. */
    List<Path> serviceFiles() {
        Path user = Optional.ofNullable(environment.get("PGSERVICEFILE")).filter(s -> !s.isEmpty()).map(Path::of)
                .orElse(homeDir.resolve(".pg_service.conf"));
        Path sysconf = Optional.ofNullable(environment.get("PGSYSCONFDIR")).filter(s -> !s.isEmpty()).map(Path::of)
                .orElse(DEFAULT_SYSCONFDIR);
        return List.of(user, sysconf.resolve("pg_service.conf"));
    }

    private String environmentValue(LibpqOption option) {
        return option.environmentVariable().map(environment::get).orElse(null);
    }

    private static boolean isSocket(String host) {
        return host.startsWith("/") || host.startsWith("@");
    }

    private static void checkPort(String port) {
        try {
            int p = Integer.parseInt(port);
            if (p >= 1 && p <= 65535) {
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid port number: \"" + port + "\"");
    }

    private static String valueOr(Map<LibpqOption, String> options, LibpqOption option, String fallback) {
        String value = options.get(option);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String query(Map<String, String> properties) {
        if (properties.isEmpty()) {
            return "";
        }
        return properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

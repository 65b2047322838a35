package org.rasterdesk.db;

import java.util.EnumMap;
import java.util.Map;

/**
 * The connection dialog's fields; a null or blank field is one the user left empty, so it does not override the
 * connection string, the service or the environment.
 */
public record ConnectionFields(String host, Integer port, String database, String user, String password,
                               String service) {

    public static ConnectionFields none() {
        return new ConnectionFields(null, null, null, null, null, null);
    }

    public static ConnectionFields of(String host, Integer port, String database, String user, String password) {
        return new ConnectionFields(host, port, database, user, password, null);
    }

    Map<LibpqOption, String> options() {
        Map<LibpqOption, String> options = new EnumMap<>(LibpqOption.class);
        put(options, LibpqOption.HOST, host);
        put(options, LibpqOption.PORT, port == null ? null : port.toString());
        put(options, LibpqOption.DBNAME, database);
        put(options, LibpqOption.USER, user);
        // A password may be spaces; only an empty one means "not given".
        if (password != null && !password.isEmpty()) {
            options.put(LibpqOption.PASSWORD, password);
        }
        put(options, LibpqOption.SERVICE, service);
        return options;
    }

    private static void put(Map<LibpqOption, String> options, LibpqOption option, String value) {
        if (value != null && !value.isBlank()) {
            options.put(option, value.strip());
        }
    }

    @Override
    public String toString() {
        return "ConnectionFields[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
                + ", password=" + (password == null ? null : "***") + ", service=" + service + "]";
    }
}

package org.rasterdesk.system;

import java.nio.file.Path;

/** Where RasterDesk keeps its files: the user's data, config and cache folders (XDG on Linux). */
public final class AppPaths {
    private AppPaths() {
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * $XDG_DATA_HOME/rasterdesk (default ~/.local/share/rasterdesk). For root it is /var/lib/rasterdesk: the
     * embedded database server runs as the postgres user there, who cannot enter /root.
     */
    public static Path dataDir() {
        if (isRoot()) {
            return Path.of("/var/lib/rasterdesk");
        }
        return xdg("XDG_DATA_HOME", ".local/share").resolve("rasterdesk");
    }

    /**
     * $XDG_CACHE_HOME/rasterdesk (default ~/.cache/rasterdesk; /var/cache/rasterdesk for root): what can be made
     * or fetched again, kept to save time (SIS's answers about CRSs, map tiles).
     */
    public static Path cacheDir() {
        if (isRoot() && System.getenv("XDG_CACHE_HOME") == null) {
            return Path.of("/var/cache/rasterdesk");
        }
        return xdg("XDG_CACHE_HOME", ".cache").resolve("rasterdesk");
    }

    /** $XDG_CONFIG_HOME/rasterdesk (default ~/.config/rasterdesk). */
    public static Path configDir() {
        return xdg("XDG_CONFIG_HOME", ".config").resolve("rasterdesk");
    }

    private static Path xdg(String variable, String fallback) {
        String value = System.getenv(variable);
        return value != null && !value.isBlank()
                ? Path.of(value)
                : Path.of(System.getProperty("user.home")).resolve(fallback);
    }
}

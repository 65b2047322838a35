package org.rasterdesk.ui.inspector;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opengis.util.FactoryException;
import org.rasterdesk.raster.ReferencingCache;

/**
 * Names of coordinate reference systems for the form and the details, from Apache SIS's EPSG database through the
 * {@link ReferencingCache}: a name met in an earlier run opens no database. A name never met blocks (the database's
 * opening takes seconds), so lookups run on the inspector's threads for SIS, never on the window's shared ones.
 */
final class CrsNames {

    private static final Pattern WKT_NAME = Pattern.compile("^\\s*[A-Za-z_]+\\s*\\[\\s*\"([^\"]*)\"");

    /**
     * Runs before every lookup, on the lookup's thread: tests make a lookup as slow as a first opening of the EPSG
     * database on a loaded machine.
     */
    static volatile Runnable beforeLookup = () -> { };

    private CrsNames() {
    }

    /**
     * The name of the CRS with this EPSG code, empty when the code is unknown.
     *
     * @throws FactoryException when the EPSG database itself cannot be read
     */
    static Optional<String> epsgName(int code) throws FactoryException {
        if (code <= 0) {
            return Optional.empty();
        }
        beforeLookup.run();
        return ReferencingCache.epsgName(code);
    }

    /**
     * "EPSG:n — name" for a code, else the name the WKT gives its CRS, else "unknown". Never throws: a failing
     * EPSG database leaves the bare code.
     */
    static String describe(Integer srid, String wkt) {
        if (srid != null && srid > 0) {
            try {
                return epsgName(srid).map(name -> "EPSG:" + srid + " — " + name)
                        .orElse("EPSG:" + srid + " (not in the EPSG database)");
            } catch (FactoryException | RuntimeException e) {
                return "EPSG:" + srid;
            }
        }
        String name = wktName(wkt);
        return name == null ? "unknown" : name + " (no EPSG code)";
    }

    /** The name of the outermost object of a WKT (PROJCS["name", ...] or PROJCRS["name", ...]). */
    static String wktName(String wkt) {
        if (wkt == null) {
            return null;
        }
        Matcher m = WKT_NAME.matcher(wkt);
        return m.find() && !m.group(1).isBlank() ? m.group(1) : null;
    }
}

package org.rasterdesk.ui.inspector;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sis.referencing.CRS;
import org.opengis.referencing.NoSuchAuthorityCodeException;
import org.opengis.util.FactoryException;

/**
 * Names of coordinate reference systems for the form and the details, from Apache SIS's EPSG database. Lookups
 * block (the first one opens the database, seconds), so they run on background threads; answers are cached.
 */
final class CrsNames {

    private static final Pattern WKT_NAME = Pattern.compile("^\\s*[A-Za-z_]+\\s*\\[\\s*\"([^\"]*)\"");
    /** EPSG code → its CRS's name, or "" for a code the database does not know. */
    private static final Map<Integer, String> NAMES = new ConcurrentHashMap<>();

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
        String cached = NAMES.get(code);
        if (cached == null) {
            try {
                cached = CRS.forCode("EPSG:" + code).getName().getCode();
            } catch (NoSuchAuthorityCodeException e) {
                cached = "";
            }
            NAMES.put(code, cached);
        }
        return cached.isEmpty() ? Optional.empty() : Optional.of(cached);
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
            } catch (FactoryException e) {
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

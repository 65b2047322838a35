package org.rasterdesk.raster;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.sis.io.wkt.Convention;
import org.apache.sis.io.wkt.WKTFormat;
import org.apache.sis.referencing.CRS;
import org.opengis.referencing.NoSuchAuthorityCodeException;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.util.FactoryException;
import org.rasterdesk.system.AppPaths;

/**
 * Apache SIS's answers about coordinate reference systems, kept on disk between runs. Opening SIS's EPSG database
 * (Derby, from a jar) costs seconds of CPU in a fresh process — 6 to 15 s measured here for one CRS and its
 * transform to web mercator, more than a whole small parse — and every command is a fresh process.
 *
 * <p>Each CRS this program uses has a recipe: an EPSG code or a named constant, followed by the derivations applied
 * to it ({@code EPSG:4326/east-first/right-handed}). The cache keeps, per recipe, the exact object's WKT 2 (to make
 * an equal object again without the database, for names and identity) and, per pair of recipes, the exact math
 * transform between them, serialized. A transform the cache lacks is computed from exact objects made by the same
 * recipe, as without the cache; so cached and uncached parses give the same pixels. The cache's folder is named
 * after what its contents depend on (SIS, its EPSG data, {@link #GENERATION}): any change starts a new one.
 */
public final class ReferencingCache {

    private static final Logger LOG = Logger.getLogger(ReferencingCache.class.getName());
    /** Where the cache lives; "off" turns it off (for measurements). */
    public static final String DIRECTORY_PROPERTY = "rasterdesk.referencing.cache";
    private static final int KEPT_GENERATIONS = 4;
    private static final String NAMED = "named:";
    /**
     * Raise it when this program changes how it derives a CRS or computes a cached value (a recipe's derivation, a
     * {@link #computed} computation) in a class other than {@link #COMPUTING_CLASSES}: the cache is keyed by SIS
     * and its data and by those classes' bytes, not by this program's build.
     */
    static final int GENERATION = 1;
    /**
     * The classes whose code makes the cached values (recipes, derivations, computations), by resource name: their
     * bytes are part of the key, so that a change of them starts a new cache while a rebuild of the same code (javac
     * writes the same bytes) and a change anywhere else keep it.
     */
    static final List<String> COMPUTING_CLASSES = List.of("org/rasterdesk/raster/ReferencingCache.class",
            "org/rasterdesk/raster/CrsResolver.class", "org/rasterdesk/tiling/SourceProjection.class",
            "org/rasterdesk/tiling/DatumShift.class", "org/rasterdesk/parse/Preflight.class");

    /** The recipes of the objects handed out, by identity (two equal objects may come from different recipes). */
    private static final Map<CoordinateReferenceSystem, String> RECIPES = new IdentityHashMap<>();
    private static final Map<String, UnaryOperator<CoordinateReferenceSystem>> DERIVATIONS = new ConcurrentHashMap<>();
    private static final Map<String, ExactSupplier> CONSTANTS = new ConcurrentHashMap<>();
    private static final Map<String, CoordinateReferenceSystem> CRS_BY_RECIPE = new ConcurrentHashMap<>();
    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();
    private static final Map<String, MathTransform> TRANSFORMS = new ConcurrentHashMap<>();
    private static final Map<String, Object[]> COMPUTED = new ConcurrentHashMap<>();
    private static volatile Optional<Path> folder;

    /** Makes an exact object from SIS; may open the EPSG database. */
    @FunctionalInterface
    public interface ExactSupplier {
        CoordinateReferenceSystem get() throws FactoryException;
    }

    /** Computes values from the exact objects of some CRSs; may open the EPSG database. */
    @FunctionalInterface
    public interface ExactComputation {
        Object[] compute(CoordinateReferenceSystem[] exact) throws FactoryException;
    }

    private ReferencingCache() {
    }

    /**
     * The CRS of an EPSG code.
     *
     * @throws FactoryException when the EPSG database has no such code
     */
    public static CoordinateReferenceSystem epsg(int code) throws FactoryException {
        return crs("EPSG:" + code, () -> CRS.forCode("EPSG:" + code));
    }

    /**
     * The name of the CRS of an EPSG code, empty when the EPSG database has no such code. Kept on disk with the
     * unknown codes too: naming a layer's CRS in the window then opens no database in a later run.
     *
     * @throws FactoryException when the EPSG database itself cannot be read
     */
    public static Optional<String> epsgName(int code) throws FactoryException {
        String key = "EPSG:" + code + " # name";
        String known = TEXTS.get(key);
        if (known == null) {
            known = read(key).filter(String.class::isInstance).map(String.class::cast).orElse(null);
            if (known == null) {
                try {
                    known = epsg(code).getName().getCode();
                } catch (NoSuchAuthorityCodeException e) {
                    known = "";
                }
                write(key, known);
            }
            TEXTS.put(key, known);
        }
        return known.isEmpty() ? Optional.empty() : Optional.of(known);
    }

    /** A CRS that SIS builds (e.g. one of {@code CommonCRS}), by a name of this program's. */
    public static CoordinateReferenceSystem named(String name, ExactSupplier exact) throws FactoryException {
        CONSTANTS.putIfAbsent(NAMED + name, exact);
        return crs(NAMED + name, exact);
    }

    /**
     * A text made from the exact object of a CRS of this class (e.g. its WKT 1), under a name of the caller's;
     * made from the object itself when it did not come from this class.
     */
    public static String describe(CoordinateReferenceSystem crs, String what,
                                  Function<CoordinateReferenceSystem, String> describe) throws FactoryException {
        String recipe = recipeOf(crs);
        if (recipe == null) {
            return describe.apply(crs);
        }
        String key = recipe + " # " + what;
        String known = TEXTS.get(key);
        if (known == null) {
            known = read(key).filter(String.class::isInstance).map(String.class::cast).orElse(null);
            if (known == null) {
                known = describe.apply(exact(recipe));
                write(key, known);
            }
            TEXTS.put(key, known);
        }
        return known;
    }

    /**
     * A CRS made from another by a derivation that needs no database (e.g. other axis order); the derivation is
     * known by its name, so that the exact object can be made again by recipe.
     */
    public static CoordinateReferenceSystem derive(CoordinateReferenceSystem base, String name,
                                                   UnaryOperator<CoordinateReferenceSystem> derivation) {
        DERIVATIONS.putIfAbsent(name, derivation);
        CoordinateReferenceSystem derived = derivation.apply(base);
        String recipe = recipeOf(base);
        if (recipe != null) {
            register(derived, recipe + "/" + name);
        }
        return derived;
    }

    /**
     * The math transform from one CRS to another, as {@code CRS.findOperation(source, target, null)} gives it for the
     * exact objects; cached when both CRSs came from this class.
     */
    public static MathTransform transform(CoordinateReferenceSystem source, CoordinateReferenceSystem target)
            throws FactoryException {
        String from = recipeOf(source);
        String to = recipeOf(target);
        if (from == null || to == null) {
            return CRS.findOperation(exactOrItself(source), exactOrItself(target), null).getMathTransform();
        }
        String key = from + " -> " + to;
        MathTransform known = TRANSFORMS.get(key);
        if (known != null) {
            return known;
        }
        Optional<Object> stored = read(key);
        MathTransform transform = stored.filter(MathTransform.class::isInstance).map(MathTransform.class::cast)
                .orElse(null);
        if (transform == null) {
            transform = CRS.findOperation(exact(from), exact(to), null).getMathTransform();
            write(key, transform);
        }
        TRANSFORMS.put(key, transform);
        return transform;
    }

    /**
     * Values computed from CRSs by the caller (e.g. a datum shift chosen for a raster's area and its description),
     * kept under {@code what}, which must name every other input of the computation. The computation is given the
     * exact objects of the CRSs, so that a cached and an uncached run get the same values; nothing is cached when a
     * CRS did not come from this class, or when a value is not one of SIS's serializable objects or a string (a
     * transform of this program's own, such as one choosing a datum shift per point, is computed every time).
     */
    public static Object[] computed(String what, List<CoordinateReferenceSystem> crss, ExactComputation computation)
            throws FactoryException {
        StringBuilder key = new StringBuilder();
        for (CoordinateReferenceSystem crs : crss) {
            String recipe = recipeOf(crs);
            if (recipe == null) {
                CoordinateReferenceSystem[] given = new CoordinateReferenceSystem[crss.size()];
                for (int i = 0; i < given.length; i++) {
                    given[i] = exactOrItself(crss.get(i));
                }
                return computation.compute(given);
            }
            key.append(key.length() == 0 ? "" : " , ").append(recipe);
        }
        key.append(" # ").append(what);
        String k = key.toString();
        Object[] known = COMPUTED.get(k);
        if (known != null) {
            return known.clone();
        }
        Object[] values = read(k).filter(Object[].class::isInstance).map(Object[].class::cast).orElse(null);
        if (values == null) {
            CoordinateReferenceSystem[] exact = new CoordinateReferenceSystem[crss.size()];
            for (int i = 0; i < exact.length; i++) {
                exact[i] = exact(recipeOf(crss.get(i)));
            }
            values = computation.compute(exact);
            if (java.util.Arrays.stream(values).allMatch(ReferencingCache::keepable)) {
                write(k, values);
            }
        }
        COMPUTED.put(k, values.clone());
        return values;
    }

    /** Whether a value reads back through the filter of {@link #read}: nothing of this program's own classes. */
    private static boolean keepable(Object value) {
        return value == null || value instanceof String
                || value instanceof Serializable && value.getClass().getName().startsWith("org.apache.sis.");
    }

    private static CoordinateReferenceSystem crs(String recipe, ExactSupplier exact) throws FactoryException {
        CoordinateReferenceSystem known = CRS_BY_RECIPE.get(recipe);
        if (known != null) {
            return known;
        }
        CoordinateReferenceSystem crs = read(recipe).filter(String.class::isInstance).map(String.class::cast)
                .flatMap(ReferencingCache::parse).orElse(null);
        if (crs == null) {
            crs = exact.get();
            String wkt2 = wkt2(crs);
            if (wkt2 != null) {
                write(recipe, wkt2);
            }
        }
        register(crs, recipe);
        CoordinateReferenceSystem first = CRS_BY_RECIPE.putIfAbsent(recipe, crs);
        return first != null ? first : crs;
    }

    private static Optional<CoordinateReferenceSystem> parse(String wkt2) {
        try {
            WKTFormat format = new WKTFormat();
            format.setConvention(Convention.WKT2);
            Object parsed = format.parseObject(wkt2);
            return parsed instanceof CoordinateReferenceSystem crs ? Optional.of(crs) : Optional.empty();
        } catch (java.text.ParseException | RuntimeException e) {
            LOG.log(Level.FINE, "A cached CRS could not be read again", e);
            return Optional.empty();
        }
    }

    private static String wkt2(CoordinateReferenceSystem crs) {
        try {
            WKTFormat format = new WKTFormat();
            format.setConvention(Convention.WKT2);
            String text = format.format(crs);
            // Only a definition that reads back as the same CRS is worth keeping (a datum ensemble such as WGS 84's
            // reads back equal only within rounding, which is fine: transforms come from the exact objects).
            return parse(text).filter(c -> org.apache.sis.util.Utilities.equalsApproximately(c, crs)).isPresent()
                    ? text : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The exact object of a CRS of this class, or the CRS itself when it did not come from here. A CRS read back from
     * its cached WKT lacks what SIS finds operations by (WGS 84's identifiers, for one): given to SIS beside a CRS
     * of another origin, it made SIS fall back to an unspecified datum change of 3 km accuracy instead of the EPSG
     * datum shift the same pair gets without the cache.
     */
    private static CoordinateReferenceSystem exactOrItself(CoordinateReferenceSystem crs) throws FactoryException {
        String recipe = recipeOf(crs);
        return recipe == null ? crs : exact(recipe);
    }

    /** The exact object of a recipe: from SIS (and its database), then the named derivations in order. */
    private static CoordinateReferenceSystem exact(String recipe) throws FactoryException {
        String[] steps = recipe.split("/");
        CoordinateReferenceSystem crs;
        if (steps[0].startsWith("EPSG:")) {
            crs = CRS.forCode(steps[0]);
        } else {
            ExactSupplier supplier = CONSTANTS.get(steps[0]);
            if (supplier == null) {
                throw new FactoryException("unknown CRS recipe " + recipe);
            }
            crs = supplier.get();
        }
        for (int i = 1; i < steps.length; i++) {
            UnaryOperator<CoordinateReferenceSystem> derivation = DERIVATIONS.get(steps[i]);
            if (derivation == null) {
                throw new FactoryException("unknown derivation " + steps[i] + " of " + recipe);
            }
            crs = derivation.apply(crs);
        }
        return crs;
    }

    private static synchronized void register(CoordinateReferenceSystem crs, String recipe) {
        RECIPES.putIfAbsent(crs, recipe);
    }

    private static synchronized String recipeOf(CoordinateReferenceSystem crs) {
        return RECIPES.get(crs);
    }

    /**
     * For tests: keeps the cache in this folder from now on and forgets the CRSs, texts, transforms and values this
     * process holds, so that the next answers come from the disk (or are computed again).
     */
    static synchronized void useFolderForTests(Path dir) {
        folder = Optional.of(dir);
        CRS_BY_RECIPE.clear();
        TEXTS.clear();
        TRANSFORMS.clear();
        COMPUTED.clear();
    }

    /** For tests: the folder is located again, as at start. */
    static synchronized void locateAgainForTests() {
        folder = null;
        TRANSFORMS.clear();
        COMPUTED.clear();
    }

    // ---- the folder on disk

    private static Optional<Path> folder() {
        Optional<Path> f = folder;
        if (f == null) {
            synchronized (ReferencingCache.class) {
                f = folder;
                if (f == null) {
                    f = locate();
                    folder = f;
                }
            }
        }
        return f;
    }

    private static Optional<Path> locate() {
        String setting = System.getProperty(DIRECTORY_PROPERTY);
        if ("off".equals(setting)) {
            return Optional.empty();
        }
        Path base = setting != null ? Path.of(setting) : AppPaths.cacheDir().resolve("referencing");
        try {
            Path dir = base.resolve(fingerprint());
            Files.createDirectories(dir);
            prune(base, dir);
            return Optional.of(dir);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "No referencing cache: " + e.getMessage(), e);
            return Optional.empty();
        }
    }

    /**
     * Names what the cached values depend on: SIS's version, its EPSG data, the folder it finds datum shift grids
     * in, the code of {@link #COMPUTING_CLASSES} and {@link #GENERATION}. Not this program's jar: keyed by the jar,
     * every build threw away answers that took about 13 s of CPU to compute again on the next parse, though SIS
     * gives the same answers.
     */
    static String fingerprint() {
        MessageDigest sha = sha1();
        for (String input : fingerprintInputs()) {
            sha.update((input + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    /** What {@link #fingerprint()} is made of, one line each. */
    static List<String> fingerprintInputs() {
        List<String> inputs = new java.util.ArrayList<>();
        inputs.add("generation " + GENERATION);
        MessageDigest code = sha1();
        for (String name : COMPUTING_CLASSES) {
            try (InputStream in = ReferencingCache.class.getClassLoader().getResourceAsStream(name)) {
                code.update(in == null ? new byte[0] : in.readAllBytes());
            } catch (IOException e) {
                code.update(name.getBytes(StandardCharsets.UTF_8));
            }
        }
        inputs.add("code " + HexFormat.of().formatHex(code.digest()));
        inputs.add("sis " + org.apache.sis.util.Version.SIS);
        for (Class<?> c : java.util.Arrays.asList(CRS.class,
                forName("org.apache.sis.resources.embedded.EmbeddedResources"))) {
            if (c == null) {
                inputs.add("no embedded EPSG data");
                continue;
            }
            // The jar's name holds its version; its size tells a rebuilt SIS of the same version apart.
            try {
                Path location = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                inputs.add(location.getFileName() + " " + (Files.isRegularFile(location) ? Files.size(location) : 0));
            } catch (URISyntaxException | IOException | RuntimeException e) {
                inputs.add(c.getName() + " " + c.getPackage().getImplementationVersion());
            }
        }
        // SIS_DATA may hold an EPSG database of the user's own and the datum shift grids a datum shift depends on.
        String sisData = System.getProperty("SIS_DATA", System.getenv("SIS_DATA"));
        inputs.add("SIS_DATA " + sisData);
        return inputs;
    }

    private static Class<?> forName(String name) {
        try {
            return Class.forName(name, false, ReferencingCache.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Keeps the folders of the last few builds, so that old ones do not pile up. */
    private static void prune(Path base, Path current) throws IOException {
        try (Stream<Path> dirs = Files.list(base)) {
            List<Path> old = dirs.filter(p -> !p.equals(current) && Files.isDirectory(p))
                    .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed())
                    .skip(KEPT_GENERATIONS - 1L).toList();
            for (Path dir : old) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(dir);
            }
        }
    }

    private static Path file(Path dir, String key) {
        return dir.resolve(HexFormat.of().formatHex(sha1().digest(key.getBytes(StandardCharsets.UTF_8))) + ".ser");
    }

    private static Optional<Object> read(String key) {
        Optional<Path> dir = folder();
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        Path file = file(dir.get(), key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file); ObjectInputStream objects = new ObjectInputStream(in)) {
            // Only what this class writes: the key, then SIS's objects and strings.
            objects.setObjectInputFilter(ObjectInputFilter.Config.createFilter(
                    "java.lang.*;java.util.*;java.awt.geom.*;org.apache.sis.**;javax.measure.**;org.opengis.**;!*"));
            if (!key.equals(objects.readObject())) {
                return Optional.empty();
            }
            return Optional.ofNullable(objects.readObject());
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            LOG.log(Level.FINE, "A cached referencing value could not be read", e);
            return Optional.empty();
        }
    }

    private static void write(String key, Serializable value) {
        Optional<Path> dir = folder();
        if (dir.isEmpty()) {
            return;
        }
        Path file = file(dir.get(), key);
        try {
            Path tmp = Files.createTempFile(dir.get(), "entry", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp); ObjectOutputStream objects = new ObjectOutputStream(out)) {
                objects.writeObject(key);
                objects.writeObject(value);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // Not serializable, or no room: the value is simply computed again next time.
            LOG.log(Level.FINE, "A referencing value could not be cached", e);
        }
    }

    private static void write(String key, MathTransform transform) {
        if (transform instanceof Serializable s) {
            write(key, s);
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }
}

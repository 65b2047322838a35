package org.rasterdesk.tiling;

import java.util.Arrays;

/**
 * The source pixel coordinates of every pixel centre of one tile, approximated by bilinear interpolation over an
 * adaptive grid: the mapping is transformed exactly on a sparse grid, each cell is checked at its centre and edge
 * midpoints against the exact transform, and cells whose interpolation is off by more than the tolerance are
 * split in four, down to single pixels. A fixed grid is not enough near the poles and at low zooms, where the
 * mapping bends strongly; an adaptive one stays within the tolerance there and is as cheap as a fixed one
 * elsewhere. Points outside the projection's domain map to NaN.
 */
final class TileMapping {

    private static final int N = TileData.SIZE;

    /** Leaf cells: x0, y0, size, then corner coordinates sx/sy at (x0,y0), (x1,y0), (x0,y1), (x1,y1). */
    private double[] leaves;
    private int leafCount;
    private double minX = Double.POSITIVE_INFINITY;
    private double minY = Double.POSITIVE_INFINITY;
    private double maxX = Double.NEGATIVE_INFINITY;
    private double maxY = Double.NEGATIVE_INFINITY;
    /** Whether every leaf corner is finite, so that every pixel centre maps to a finite coordinate. */
    private boolean finite = true;

    /**
     * @param gridStep the first grid's cell size: its cells are the fewest leaves there can be, so the array starts at
     *                 that size instead of growing to it (two copies a tile, 50 MB of a Lisbon parse's allocation)
     */
    private TileMapping(int gridStep) {
        int n = N / gridStep;
        leaves = new double[Math.max(64, n * n) * 11];
    }

    /**
     * @param transform    EPSG:3857 to source pixel
     * @param gridStep     the first grid's cell size in tile pixels, a power of two up to 256
     * @param tolerance    the largest interpolation error accepted at the checked points, in source pixels
     */
    static TileMapping build(TileKey key, PointTransform transform, int gridStep, double tolerance) {
        return build(key, transform, gridStep, tolerance, new Nodes());
    }

    /** As above, reusing the node cache of earlier builds (one per thread). */
    static TileMapping build(TileKey key, PointTransform transform, int gridStep, double tolerance, Nodes nodes) {
        Extent bounds = WebMercator.tileBounds(key);
        nodes.start(bounds.minX(), bounds.maxY(), WebMercator.pixelSize(key.z()), transform);
        TileMapping mapping = new TileMapping(gridStep);
        mapping.subdivide(nodes, gridStep, tolerance, true);
        return mapping;
    }

    /** As {@link #build(TileKey, PointTransform, int, double)}, checking every cell: what the shortcut must equal. */
    static TileMapping buildChecked(TileKey key, PointTransform transform, int gridStep, double tolerance) {
        Extent bounds = WebMercator.tileBounds(key);
        Nodes nodes = new Nodes();
        nodes.start(bounds.minX(), bounds.maxY(), WebMercator.pixelSize(key.z()), transform);
        TileMapping mapping = new TileMapping(gridStep);
        mapping.subdivide(nodes, gridStep, tolerance, false);
        return mapping;
    }

    /** The exact source pixel coordinate of a tile pixel centre, for measuring the approximation. */
    static void exact(TileKey key, PointTransform transform, double[] sx, double[] sy) {
        Extent bounds = WebMercator.tileBounds(key);
        double res = WebMercator.pixelSize(key.z());
        double[] xy = new double[2 * N * N];
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < N; i++) {
                xy[2 * (j * N + i)] = bounds.minX() + (i + 0.5) * res;
                xy[2 * (j * N + i) + 1] = bounds.maxY() - (j + 0.5) * res;
            }
        }
        transform.transform(xy, N * N);
        for (int p = 0; p < N * N; p++) {
            sx[p] = xy[2 * p];
            sy[p] = xy[2 * p + 1];
        }
    }

    /**
     * One row of pixels of a leaf cell: pixels {@code p .. p + cols - 1} of the tile (index row * 256 + col) map to
     * {@link #along(double, double, int, double) along}(l, r, c, 1.0 / size) for c = 0 .. cols - 1, in x and y.
     */
    interface RowSink {
        void row(int p, int cols, double inverseSize, double lx, double ly, double rx, double ry);
    }

    /** Hands every row of every leaf cell to the sink: together they cover each pixel of the tile once. */
    void forEachRow(RowSink sink) {
        for (int l = 0; l < leafCount; l++) {
            int o = l * 11;
            int x0 = (int) leaves[o];
            int y0 = (int) leaves[o + 1];
            int size = (int) leaves[o + 2];
            double x00 = leaves[o + 3];
            double y00 = leaves[o + 4];
            double x10 = leaves[o + 5];
            double y10 = leaves[o + 6];
            double x01 = leaves[o + 7];
            double y01 = leaves[o + 8];
            double x11 = leaves[o + 9];
            double y11 = leaves[o + 10];
            int rows = Math.min(size, N - y0);
            int cols = Math.min(size, N - x0);
            double inverse = 1.0 / size;
            for (int r = 0; r < rows; r++) {
                double v = (double) r / size;
                sink.row((y0 + r) * N + x0, cols, inverse, x00 + (x01 - x00) * v, y00 + (y01 - y00) * v,
                        x10 + (x11 - x10) * v, y10 + (y11 - y10) * v);
            }
        }
    }

    /**
     * The interpolated coordinate of pixel {@code c} of a leaf row from its left and right ends. Cells are a power
     * of two wide, so {@code c * (1.0 / size)} is exactly {@code c / size} without a division per pixel.
     */
    static double along(double left, double right, int c, double inverseSize) {
        return left + (right - left) * (c * inverseSize);
    }

    /** Writes the source coordinates of the tile's pixel centres, indexed row * 256 + col. */
    void fill(double[] sx, double[] sy) {
        forEachRow((p, cols, inverse, lx, ly, rx, ry) -> {
            for (int c = 0; c < cols; c++) {
                sx[p + c] = along(lx, rx, c, inverse);
                sy[p + c] = along(ly, ry, c, inverse);
            }
        });
    }

    /** Whether any pixel centre maps to a finite source coordinate. */
    boolean isEmpty() {
        return minX > maxX;
    }

    /** Bounds of the source coordinates: interpolation stays within its corners, which are exact. */
    double minX() {
        return minX;
    }

    double minY() {
        return minY;
    }

    double maxX() {
        return maxX;
    }

    double maxY() {
        return maxY;
    }

    /**
     * Whether every leaf corner is finite (no pixel centre is outside the projection's domain): then each pixel's
     * coordinate is interpolated between finite ones, within the bounds below.
     */
    boolean allFinite() {
        return finite;
    }

    int leafCount() {
        return leafCount;
    }

    private void subdivide(Nodes cells, int gridStep, double tolerance, boolean shortcut) {
        int n = N / gridStep;
        // Corners of the first grid, one batch; index 256 is the next tile's first pixel centre.
        int[] ij = new int[2 * (n + 1) * (n + 1)];
        for (int j = 0; j <= n; j++) {
            for (int i = 0; i <= n; i++) {
                ij[2 * (j * (n + 1) + i)] = i * gridStep;
                ij[2 * (j * (n + 1) + i) + 1] = j * gridStep;
            }
        }
        double[] nodes = cells.lookup(ij, (n + 1) * (n + 1));
        if (shortcut && provablyFlat(nodes, n, tolerance)) {
            // Every first-grid cell would pass its checks: the same leaves, in the same order, without the
            // checkpoints' exact transforms.
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    int a = 2 * (j * (n + 1) + i);
                    int b = a + 2;
                    int c = 2 * ((j + 1) * (n + 1) + i);
                    int d = c + 2;
                    cell[0] = i * gridStep;
                    cell[1] = j * gridStep;
                    cell[2] = gridStep;
                    cell[3] = nodes[a];
                    cell[4] = nodes[a + 1];
                    cell[5] = nodes[b];
                    cell[6] = nodes[b + 1];
                    cell[7] = nodes[c];
                    cell[8] = nodes[c + 1];
                    cell[9] = nodes[d];
                    cell[10] = nodes[d + 1];
                    addLeaf(cell);
                }
            }
            return;
        }
        double[] pending = new double[11 * n * n];
        int count = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int a = 2 * (j * (n + 1) + i);
                int b = a + 2;
                int c = 2 * ((j + 1) * (n + 1) + i);
                int d = c + 2;
                double[] cell = {i * gridStep, j * gridStep, gridStep,
                        nodes[a], nodes[a + 1], nodes[b], nodes[b + 1], nodes[c], nodes[c + 1], nodes[d], nodes[d + 1]};
                System.arraycopy(cell, 0, pending, 11 * count++, 11);
            }
        }
        while (count > 0) {
            pending = refine(cells, pending, count, tolerance);
            count = pendingCount;
        }
    }

    /**
     * Whether the first grid's exact nodes prove that every cell's checkpoints lie far within the tolerance, so
     * that checking them would accept every cell. A cell's midpoint check measures how far the transform bends
     * over half a cell: about an eighth of the second difference of the nodes along that direction (Taylor: the
     * midpoint of a chord is off by h²f''/2 with h half the step, the second difference is (2h)²f''), the centre
     * the sum of both directions' eighths; a bilinear cell is exact for the mixed term. So when the largest second
     * differences along x and along y, added, stay within the tolerance, every check is off by about an eighth of
     * it at most: eight times inside. Where the mapping bends more (low zooms, near a pole or the domain's edge)
     * or a node is outside the domain, the cells are checked as before. On the Lisbon benchmark raster at zoom 17
     * this skips 800 of a tile's 1,089 exact transforms (750 ns each through Apache SIS: 2.4 of the warp's CPU
     * seconds were these transforms), and the tiles' coordinates are bit for bit those of the checked path
     * (TileMappingShortcutTest).
     */
    private static boolean provablyFlat(double[] nodes, int n, double tolerance) {
        if (n < 2) {
            return false;
        }
        int side = n + 1;
        for (double v : nodes) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        double alongX = 0;
        double alongY = 0;
        for (int j = 0; j <= n; j++) {
            for (int i = 1; i < n; i++) {
                int k = 2 * (j * side + i);
                alongX = Math.max(alongX, Math.abs(nodes[k - 2] - 2 * nodes[k] + nodes[k + 2]));
                alongX = Math.max(alongX, Math.abs(nodes[k - 1] - 2 * nodes[k + 1] + nodes[k + 3]));
            }
        }
        for (int j = 1; j < n; j++) {
            for (int i = 0; i <= n; i++) {
                int k = 2 * (j * side + i);
                int up = k - 2 * side;
                int down = k + 2 * side;
                alongY = Math.max(alongY, Math.abs(nodes[up] - 2 * nodes[k] + nodes[down]));
                alongY = Math.max(alongY, Math.abs(nodes[up + 1] - 2 * nodes[k + 1] + nodes[down + 1]));
            }
        }
        return alongX + alongY <= tolerance;
    }

    private int pendingCount;
    /**
     * The cell being checked and its midpoints, copied into the same arrays for every cell: a copy of each was a
     * third of a gigabyte of a Lisbon parse's allocation (leaves and children are copied out of them).
     */
    private final double[] cell = new double[11];
    private final double[] midpoints = new double[10];

    /** Checks a generation of cells; accepted ones become leaves, the others come back split in four. */
    private double[] refine(Nodes cells, double[] pending, int count, double tolerance) {
        // Five checkpoints per cell: top, left, centre, right, bottom midpoints.
        int[] ij = new int[10 * count];
        for (int k = 0; k < count; k++) {
            int o = 11 * k;
            int x0 = (int) pending[o];
            int y0 = (int) pending[o + 1];
            int h = (int) pending[o + 2] / 2;
            int[] points = {x0 + h, y0, x0, y0 + h, x0 + h, y0 + h, x0 + 2 * h, y0 + h, x0 + h, y0 + 2 * h};
            System.arraycopy(points, 0, ij, 10 * k, 10);
        }
        double[] checks = cells.lookup(ij, 5 * count);
        double[] next = new double[4 * 11 * count];
        int nextCount = 0;
        for (int k = 0; k < count; k++) {
            int o = 11 * k;
            double[] p = cell;
            double[] m = midpoints;
            System.arraycopy(pending, o, p, 0, 11);
            System.arraycopy(checks, 10 * k, m, 0, 10);
            if (accepted(p, m, tolerance)) {
                addLeaf(p);
                continue;
            }
            int half = (int) p[2] / 2;
            // The nine known points: corners (p), midpoints (m), as a 3x3 grid of (sx, sy).
            double[] g = {p[3], p[4], m[0], m[1], p[5], p[6],
                    m[2], m[3], m[4], m[5], m[6], m[7],
                    p[7], p[8], m[8], m[9], p[9], p[10]};
            for (int cj = 0; cj < 2; cj++) {
                for (int ci = 0; ci < 2; ci++) {
                    int a = 2 * (cj * 3 + ci);
                    int b = a + 2;
                    int c = a + 6;
                    int d = c + 2;
                    double[] child = {p[0] + ci * half, p[1] + cj * half, half,
                            g[a], g[a + 1], g[b], g[b + 1], g[c], g[c + 1], g[d], g[d + 1]};
                    if (child[0] >= N || child[1] >= N) {
                        continue;
                    }
                    if (half == 1) {
                        // A one-pixel cell is its corner, which is exact.
                        addLeaf(child);
                    } else {
                        System.arraycopy(child, 0, next, 11 * nextCount++, 11);
                    }
                }
            }
        }
        pendingCount = nextCount;
        return next;
    }

    private static boolean accepted(double[] p, double[] m, double tolerance) {
        boolean allNaN = true;
        boolean anyNaN = false;
        for (int i = 3; i < 11; i++) {
            allNaN &= Double.isNaN(p[i]);
            anyNaN |= Double.isNaN(p[i]);
        }
        for (double v : m) {
            allNaN &= Double.isNaN(v);
            anyNaN |= Double.isNaN(v);
        }
        if (allNaN) {
            return true;
        }
        if (anyNaN) {
            return false;
        }
        // Bilinear interpolation at the midpoints of the cell.
        double[] estimate = {
            (p[3] + p[5]) / 2, (p[4] + p[6]) / 2,
            (p[3] + p[7]) / 2, (p[4] + p[8]) / 2,
            (p[3] + p[5] + p[7] + p[9]) / 4, (p[4] + p[6] + p[8] + p[10]) / 4,
            (p[5] + p[9]) / 2, (p[6] + p[10]) / 2,
            (p[7] + p[9]) / 2, (p[8] + p[10]) / 2};
        for (int i = 0; i < 10; i++) {
            if (Math.abs(estimate[i] - m[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    private void addLeaf(double[] cell) {
        if ((leafCount + 1) * 11 > leaves.length) {
            leaves = Arrays.copyOf(leaves, leaves.length * 2);
        }
        System.arraycopy(cell, 0, leaves, leafCount * 11, 11);
        leafCount++;
        for (int i = 3; i < 11; i += 2) {
            if (Double.isFinite(cell[i]) && Double.isFinite(cell[i + 1])) {
                minX = Math.min(minX, cell[i]);
                maxX = Math.max(maxX, cell[i]);
                minY = Math.min(minY, cell[i + 1]);
                maxY = Math.max(maxY, cell[i + 1]);
            } else {
                finite = false;
            }
        }
    }

    /**
     * The exact source coordinates of the nodes of one tile (pixel centres 0..256 in both directions), each
     * transformed once however many cells share it. Reused from tile to tile.
     */
    static final class Nodes {
        private static final int SIDE = N + 1;
        private final double[] x = new double[SIDE * SIDE];
        private final double[] y = new double[SIDE * SIDE];
        private final int[] stamp = new int[SIDE * SIDE];
        private int generation;
        private double minX;
        private double maxY;
        private double res;
        private PointTransform transform;

        void start(double tileMinX, double tileMaxY, double pixelSize, PointTransform pointTransform) {
            generation++;
            minX = tileMinX;
            maxY = tileMaxY;
            res = pixelSize;
            transform = pointTransform;
        }

        /** The source coordinates (interleaved) of the nodes at the given (i, j) pairs. */
        double[] lookup(int[] ij, int count) {
            int[] missing = new int[count];
            int m = 0;
            for (int k = 0; k < count; k++) {
                int index = ij[2 * k + 1] * SIDE + ij[2 * k];
                if (stamp[index] != generation) {
                    stamp[index] = generation;
                    missing[m++] = index;
                }
            }
            if (m > 0) {
                double[] xy = new double[2 * m];
                for (int k = 0; k < m; k++) {
                    xy[2 * k] = minX + (missing[k] % SIDE + 0.5) * res;
                    xy[2 * k + 1] = maxY - (missing[k] / SIDE + 0.5) * res;
                }
                transform.transform(xy, m);
                for (int k = 0; k < m; k++) {
                    x[missing[k]] = xy[2 * k];
                    y[missing[k]] = xy[2 * k + 1];
                }
            }
            double[] out = new double[2 * count];
            for (int k = 0; k < count; k++) {
                int index = ij[2 * k + 1] * SIDE + ij[2 * k];
                out[2 * k] = x[index];
                out[2 * k + 1] = y[index];
            }
            return out;
        }
    }
}

package org.rasterdesk.tiling;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.raster.RasterReader;

/** Reads windows of a raw band-sequential little-endian raster (GDAL's ENVI output) through a memory map. */
final class MappedRasterReader implements RasterReader {

    private final RasterInfo info;
    private final FileChannel channel;
    private final MappedByteBuffer[] bands;

    MappedRasterReader(RasterInfo info, Path raw) throws IOException {
        this.info = info;
        this.channel = FileChannel.open(raw, StandardOpenOption.READ);
        long bandBytes = (long) info.width() * info.height() * info.pixelType().bytes();
        if (bandBytes > Integer.MAX_VALUE) {
            throw new IOException("bands over 2 GB are not supported by this reader");
        }
        this.bands = new MappedByteBuffer[info.bandCount()];
        for (int b = 0; b < bands.length; b++) {
            bands[b] = channel.map(FileChannel.MapMode.READ_ONLY, b * bandBytes, bandBytes);
            bands[b].order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    @Override
    public RasterInfo info() {
        return info;
    }

    @Override
    public double[][] read(int x, int y, int width, int height) {
        PixelType type = info.pixelType();
        int bytes = type.bytes();
        double[][] out = new double[bands.length][width * height];
        for (int b = 0; b < bands.length; b++) {
            MappedByteBuffer buffer = bands[b];
            double[] dst = out[b];
            for (int r = 0; r < height; r++) {
                int base = ((y + r) * info.width() + x) * bytes;
                int o = r * width;
                for (int c = 0; c < width; c++) {
                    int at = base + c * bytes;
                    dst[o + c] = switch (type) {
                        case BYTE -> buffer.get(at) & 0xff;
                        case INT8 -> buffer.get(at);
                        case UINT16 -> buffer.getShort(at) & 0xffff;
                        case INT16 -> buffer.getShort(at);
                        case UINT32 -> buffer.getInt(at) & 0xffffffffL;
                        case INT32 -> buffer.getInt(at);
                        case FLOAT32 -> buffer.getFloat(at);
                        case FLOAT64 -> buffer.getDouble(at);
                    };
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

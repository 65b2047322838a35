package org.rasterdesk.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rasterdesk.raster.Gdal;

/** GDAL's command line tools as the oracle of the served GeoTIFFs and as an XYZ client of the server. */
final class GdalTool {

    private GdalTool() {
    }

    static String run(String... command) {
        return Gdal.run(command);
    }

    static JsonNode info(Path file) throws IOException {
        return new ObjectMapper().readTree(run("gdalinfo", "-json", file.toString()));
    }

    /** Band 1 of a raster as GDAL reads it, as doubles row by row. */
    static double[] values(Path file, Path tmp) throws IOException {
        Path out = Files.createTempFile(tmp, "values", ".bin");
        run("gdal_translate", "-q", "-b", "1", "-ot", "Float64", "-of", "ENVI", file.toString(), out.toString());
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.nativeOrder());
        double[] values = new double[buf.remaining() / 8];
        for (int i = 0; i < values.length; i++) {
            values[i] = buf.getDouble();
        }
        return values;
    }

    /**
     * A GDAL WMS description of a layer's tiles as an XYZ (TMS minidriver, y from the top) source at one zoom
     * level: what QGIS and GDAL users write to read tiles from a URL template.
     */
    static String xyzSource(String urlTemplate, int zoom, int bands, String dataType) {
        return "<GDAL_WMS>\n"
                + "  <Service name=\"TMS\"><ServerUrl>" + urlTemplate.replace("{z}", "${z}").replace("{x}", "${x}")
                .replace("{y}", "${y}").replace("&", "&amp;") + "</ServerUrl></Service>\n"
                + "  <DataWindow>\n"
                + "    <UpperLeftX>-20037508.342789244</UpperLeftX><UpperLeftY>20037508.342789244</UpperLeftY>\n"
                + "    <LowerRightX>20037508.342789244</LowerRightX><LowerRightY>-20037508.342789244</LowerRightY>\n"
                + "    <TileLevel>" + zoom + "</TileLevel><TileCountX>1</TileCountX><TileCountY>1</TileCountY>\n"
                + "    <YOrigin>top</YOrigin>\n"
                + "  </DataWindow>\n"
                + "  <Projection>EPSG:3857</Projection>\n"
                + "  <BlockSizeX>256</BlockSizeX><BlockSizeY>256</BlockSizeY>\n"
                + "  <BandsCount>" + bands + "</BandsCount>\n"
                + "  <DataType>" + dataType + "</DataType>\n"
                + "  <MaxConnections>4</MaxConnections>\n"
                + "</GDAL_WMS>\n";
    }
}

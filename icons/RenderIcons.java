import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;

/**
 * The build's icon step (run as a single-file program with Apache Batik on the class path): renders the SVG to
 * {@code NAME-SIZE.png} for each size, and packs the PNGs into the Windows {@code NAME.ico} and macOS
 * {@code NAME.icns} that jpackage wants on those systems. Both formats hold PNG images as they are.
 *
 * <p>Usage: {@code java -cp BATIK RenderIcons.java SVG OUTPUT_DIR SIZE...}
 */
public final class RenderIcons {

    /** The icns element type of each PNG size (Apple's "icp4" ... "ic10"; 64 px has no plain type of its own). */
    private static final Map<Integer, String> ICNS_TYPES = Map.of(
            16, "icp4", 32, "icp5", 64, "icp6", 128, "ic07", 256, "ic08", 512, "ic09");

    public static void main(String[] args) throws IOException, TranscoderException {
        Path svg = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        String name = svg.getFileName().toString().replaceFirst("\\.svg$", "");
        Map<Integer, byte[]> pngs = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int size = Integer.parseInt(args[i]);
            byte[] png = render(svg, size);
            Files.write(out.resolve(name + "-" + size + ".png"), png);
            pngs.put(size, png);
        }
        Files.write(out.resolve(name + ".ico"), ico(pngs));
        Files.write(out.resolve(name + ".icns"), icns(pngs));
        System.out.println("Icons: " + pngs.keySet() + " px from " + svg + " in " + out);
    }

    private static byte[] render(Path svg, int size) throws IOException, TranscoderException {
        PNGTranscoder transcoder = new PNGTranscoder();
        transcoder.addTranscodingHint(PNGTranscoder.KEY_WIDTH, (float) size);
        transcoder.addTranscodingHint(PNGTranscoder.KEY_HEIGHT, (float) size);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try (OutputStream stream = png) {
            transcoder.transcode(new TranscoderInput(svg.toUri().toString()), new TranscoderOutput(stream));
        }
        return png.toByteArray();
    }

    /** An ICO file: a directory of PNG images (Windows Vista and later read PNG entries), sizes up to 256. */
    private static byte[] ico(Map<Integer, byte[]> pngs) throws IOException {
        Map<Integer, byte[]> used = new LinkedHashMap<>();
        pngs.forEach((size, png) -> {
            if (size <= 256) {
                used.put(size, png);
            }
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LittleEndian out = new LittleEndian(bytes);
        out.short16(0);
        out.short16(1);
        out.short16(used.size());
        int offset = 6 + 16 * used.size();
        for (Map.Entry<Integer, byte[]> e : used.entrySet()) {
            int size = e.getKey();
            out.byte8(size == 256 ? 0 : size);
            out.byte8(size == 256 ? 0 : size);
            out.byte8(0);
            out.byte8(0);
            out.short16(1);
            out.short16(32);
            out.int32(e.getValue().length);
            out.int32(offset);
            offset += e.getValue().length;
        }
        for (byte[] png : used.values()) {
            bytes.write(png);
        }
        return bytes.toByteArray();
    }

    /** An icns file: a big-endian header, then one element (type, length, PNG) per size Apple names. */
    private static byte[] icns(Map<Integer, byte[]> pngs) throws IOException {
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(elements);
        for (Map.Entry<Integer, byte[]> e : pngs.entrySet()) {
            String type = ICNS_TYPES.get(e.getKey());
            if (type != null) {
                out.writeBytes(type);
                out.writeInt(8 + e.getValue().length);
                out.write(e.getValue());
            }
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(file);
        header.writeBytes("icns");
        header.writeInt(8 + elements.size());
        elements.writeTo(file);
        return file.toByteArray();
    }

    /** Little-endian numbers, as the ICO header has them. */
    private static final class LittleEndian {
        private final OutputStream out;

        LittleEndian(OutputStream out) {
            this.out = out;
        }

        void byte8(int v) throws IOException {
            out.write(v);
        }

        void short16(int v) throws IOException {
            out.write(v & 0xff);
            out.write((v >>> 8) & 0xff);
        }

        void int32(int v) throws IOException {
            short16(v & 0xffff);
            short16(v >>> 16);
        }
    }
}

package org.rasterdesk;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the command line asks for: the window (with no argument, or with raster files to add as layers, as a file
 * manager's "Open with RasterDesk" passes them) or a headless command.
 *
 * @param files the files the window adds, as absolute paths; empty for the bare window and for commands
 */
public record LaunchRequest(boolean window, List<Path> files) {

    public LaunchRequest {
        files = List.copyOf(files);
    }

    /**
     * Reads the arguments. Files win only when every argument is an existing file and the first is no command's
     * name, so that {@code rasterdesk parse} stays the command even beside a file called "parse".
     *
     * @param commands the names of the headless commands
     * @param workingDir where relative file names start
     */
    public static LaunchRequest of(String[] args, Set<String> commands, Path workingDir) {
        if (args.length == 0) {
            return new LaunchRequest(true, List.of());
        }
        if (commands.contains(args[0]) || args[0].startsWith("-")) {
            return new LaunchRequest(false, List.of());
        }
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            Path file = workingDir.resolve(arg).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                return new LaunchRequest(false, List.of());
            }
            files.add(file);
        }
        return new LaunchRequest(true, files);
    }

    /** The files as the window's launch setting holds them ({@code rasterdesk.add}): paths joined as a class path. */
    public String filesSetting() {
        return String.join(File.pathSeparator, files.stream().map(Path::toString).toList());
    }
}

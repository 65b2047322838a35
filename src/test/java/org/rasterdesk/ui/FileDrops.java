package org.rasterdesk.ui;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.Toolkit;
import java.nio.file.Path;
import java.util.List;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/** Drops of files on a window's node, for window tests, as a drag from a file manager ends there. */
final class FileDrops {

    private FileDrops() {
    }

    /** On the FX thread: drops the files on the node, as a file manager puts a selection of them on the board. */
    static void drop(Node target, List<Path> files) {
        ClipboardContent content = new ClipboardContent();
        content.putFiles(files.stream().map(Path::toFile).toList());
        Event.fireEvent(target, dropOf(content, target));
    }

    /**
     * A DRAG_DROPPED event carrying the content, as the toolkit makes one at the end of a drag from another
     * application. Dragboards have no public constructor; the toolkit's helper makes one on a local clipboard.
     */
    static DragEvent dropOf(ClipboardContent content, Node target) {
        Dragboard board = DragboardHelper.createDragboard(Toolkit.getToolkit().createLocalClipboard());
        DragboardHelper.setDataAccessRestriction(board, false);
        board.setContent(content);
        Point2D at = target.localToScene(20, 40);
        return new DragEvent(DragEvent.DRAG_DROPPED, board, at.getX(), at.getY(), at.getX(), at.getY(),
                TransferMode.COPY, null, target, null);
    }
}

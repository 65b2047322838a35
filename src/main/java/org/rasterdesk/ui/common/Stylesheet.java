package org.rasterdesk.ui.common;

/** The application's one style sheet, shared by every window and by the pictures made of a part of one. */
public final class Stylesheet {

    private Stylesheet() {
    }

    /** The URL a scene's style sheets list takes. */
    public static String url() {
        return Stylesheet.class.getResource("rasterdesk.css").toExternalForm();
    }
}

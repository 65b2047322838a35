package org.rasterdesk;

/** Entry point of the plain jar: dispatches to the window or to a headless command. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        System.out.println("RasterDesk");
    }
}

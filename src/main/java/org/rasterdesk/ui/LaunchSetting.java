package org.rasterdesk.ui;

/** A start-up setting of the window, from a system property or else an environment variable. */
final class LaunchSetting {

    private LaunchSetting() {
    }

    /** The property's value, else the variable's, stripped; null when neither is set or both are blank. */
    static String get(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }
}

package org.rasterdesk.ui.connection;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The databases the connection dialog remembers: the recent ones, without passwords, and a password only when the
 * user asks, only in the desktop's keyring. The keyring starts a process: never on the FX thread.
 */
final class SavedLogins {

    private static final Logger LOG = Logger.getLogger(SavedLogins.class.getName());

    private final RecentDatabases recent;
    private final Optional<PasswordKeyring> keyring;

    SavedLogins(RecentDatabases recent, Optional<PasswordKeyring> keyring) {
        this.recent = recent;
        this.keyring = keyring;
    }

    List<RecentDatabases.Entry> recent() {
        return recent.load();
    }

    boolean hasKeyring() {
        return keyring.isPresent();
    }

    /** Remembering is a convenience: a failure is logged, the connection stands. */
    void remember(RecentDatabases.Entry entry, String passwordOrNull) {
        try {
            recent.remember(entry);
        } catch (IOException e) {
            LOG.log(Level.INFO, "Cannot remember the database", e);
        }
        if (passwordOrNull != null && keyring.isPresent()) {
            try {
                keyring.get().store(entry.label(), passwordOrNull);
            } catch (IOException e) {
                LOG.log(Level.INFO, "Cannot keep the password in the keyring", e);
            }
        }
    }

    /** The password kept for a database, if any. */
    Optional<String> password(RecentDatabases.Entry entry) throws IOException {
        return keyring.isEmpty() ? Optional.empty() : keyring.get().lookup(entry.label());
    }
}

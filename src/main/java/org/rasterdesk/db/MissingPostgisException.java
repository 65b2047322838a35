package org.rasterdesk.db;

import java.sql.SQLException;

/** The connected database lacks PostGIS or postgis_raster; the report says what and whether it can be created. */
public final class MissingPostgisException extends SQLException {
    private final transient PostgisCheck.Report report;

    public MissingPostgisException(PostgisCheck.Report report) {
        super(report.message());
        this.report = report;
    }

    public PostgisCheck.Report report() {
        return report;
    }
}

/**
 * Parses on workers: RasterDesk's parse units as jobs of JobRunr, whose queue lives in the layers' own PostgreSQL
 * (tables {@code rasterdesk_jobrunr_*}), so that a worker needs nothing but the database's URL. JobRunr brings
 * retries, the detection of dead workers (their jobs go to others) and a dashboard; what a unit does is
 * {@link org.rasterdesk.parse.WorkerParse}'s business.
 */
package org.rasterdesk.work;

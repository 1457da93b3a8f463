/**
 * Producers POST events; each is stored once, in order per stream.
 */
package dev.eventpipeline.ingest;

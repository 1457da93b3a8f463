/**
 * Benchmarks: each stage of the pipeline next to its raw baseline, measured in the same run. Each area has its own
 * package and main class; the results go to {@code bench/results/}, which is not committed.
 */
package dev.eventpipeline.bench;

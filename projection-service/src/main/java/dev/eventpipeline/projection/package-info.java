/**
 * SQS to PostgreSQL exactly once in effect, and the analysts' query API.
 */
package dev.eventpipeline.projection;

/**
 * DynamoDB Streams to SQS FIFO, in order per stream.
 */
package dev.eventpipeline.streamprocessor;

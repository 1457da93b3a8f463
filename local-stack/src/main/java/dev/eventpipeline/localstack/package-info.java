/**
 * Local stand-ins of the AWS services and the whole pipeline on one machine.
 */
package dev.eventpipeline.localstack;

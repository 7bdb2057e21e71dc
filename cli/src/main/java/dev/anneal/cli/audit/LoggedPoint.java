package dev.anneal.cli.audit;

/**
 * One learning rate of a log.
 *
 * @param step the step as the log numbers it
 * @param lr the learning rate logged there
 * @param where where it stands in the file ({@code line 12}, {@code log_history[3]}), for messages
 */
public record LoggedPoint(long step, double lr, String where) {}

package dev.anneal.config.takeover;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Upstream's own scheduler rebuilt from its saved state, as a config of the format that reads that
 * framework's settings: what a resumed upstream run continues with.
 *
 * @param format the format's name for {@code Formats.byName}
 * @param config the config; a PyTorch {@code ReduceLROnPlateau} state has no initial lr, so its
 *     {@code optimizer.lr} is absent and the check takes the config's (a plateau continues from the
 *     state's reduced value, which the initial lr does not change)
 */
public record UpstreamConfig(String format, ObjectNode config) {}

package dev.oakit.workflow;

import org.apiguardian.api.API;

/**
 * Where an added signer (加签) acts relative to the approver who adds them.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum SignerPosition {
    /** 前加签: the signer acts first; the adding approver's task waits and reopens after the signer approved. */
    BEFORE,
    /** 后加签: the adding approver approves now; the signer must approve before the node completes. */
    AFTER,
    /** 并加签: the signer acts alongside the node's approvers, in the node's mode. */
    PARALLEL
}

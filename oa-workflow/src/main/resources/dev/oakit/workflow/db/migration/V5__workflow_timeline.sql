-- OAKit approvals: the timeline lives with its instance.
-- timeline: the instance's history entries as JSON lines, appended by the command that wrote the
-- instance's state (no statement of its own). Null for instances started before V5: their entries
-- stay in oa_wf_history, as do the entries of an instance whose inline timeline outgrew its limit
-- (the detail query reads the inline lines first, then oa_wf_history).
ALTER TABLE oa_wf_instance ADD COLUMN timeline ${text};

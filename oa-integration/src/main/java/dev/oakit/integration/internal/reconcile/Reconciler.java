package dev.oakit.integration.internal.reconcile;

import dev.oakit.integration.IdLink;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.reconcile.Finding;
import dev.oakit.integration.reconcile.Finding.Kind;
import dev.oakit.integration.spi.RemoteRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/** The comparison of what OAKit holds with what the remote holds: a pure function, so that it is tested over every case. */
public final class Reconciler {
    private Reconciler() {
    }

    /**
     * @param remote every record of the entity type at the remote
     * @param links the ID map's links of those records
     * @param writes OAKit's writes of the feed's create operation; null when the feed names none (keys are then not checked)
     * @param fields the differing fields of a linked record present at the remote, each a sentence
     * @return the findings: by key (duplicates, orphans, mismatches), then missing writes, then links (missing, differing fields)
     */
    public static List<Finding> compare(List<RemoteRecord> remote, List<IdLink> links, List<RemoteWrite> writes,
                                        BiFunction<String, RemoteRecord, List<String>> fields) {
        List<Finding> out = new ArrayList<>();
        Map<String, RemoteRecord> byId = new HashMap<>();
        for (RemoteRecord r : remote) {
            byId.put(r.externalId(), r);
        }
        if (writes != null) {
            Map<String, RemoteWrite> byKey = writes.stream().collect(Collectors.toMap(RemoteWrite::key, w -> w));
            Map<String, List<RemoteRecord>> carrying = new TreeMap<>();
            for (RemoteRecord r : remote) {
                if (r.key() != null) {
                    carrying.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
                }
            }
            carrying.forEach((key, records) -> {
                RemoteWrite w = byKey.get(key);
                String local = w == null ? null : w.localId();
                List<String> ids = records.stream().map(RemoteRecord::externalId).sorted().toList();
                if (records.size() > 1) {
                    for (String id : ids) {
                        out.add(new Finding(Kind.DUPLICATE, id, key, local, "key '" + key + "' is carried by " + ids.size() + " remote records "
                                + ids + (w != null && w.remoteId() != null ? "; OAKit's write holds " + w.remoteId() + ", cancel the others" : "")));
                    }
                }
                if (w == null) {
                    for (String id : ids) {
                        out.add(new Finding(Kind.REMOTE_ORPHAN, id, key, null, "remote record " + id + " carries key '" + key
                                + "' but OAKit has no write with it; created outside OAKit, or its write was removed"));
                    }
                } else if (w.status() == WriteStatus.CONFIRMED && !ids.contains(w.remoteId())) {
                    out.add(new Finding(Kind.WRITE_MISMATCH, w.remoteId(), key, local, "OAKit's write " + w.id() + " confirmed remote record "
                            + w.remoteId() + ", but the key is carried by " + ids));
                }
            });
            for (RemoteWrite w : writes) {
                if (w.status() == WriteStatus.CONFIRMED && w.remoteId() != null && !byId.containsKey(w.remoteId())
                        && !carrying.containsKey(w.key())) {
                    out.add(new Finding(Kind.WRITE_MISSING, w.remoteId(), w.key(), w.localId(), "OAKit's write " + w.id()
                            + " confirmed remote record " + w.remoteId() + ", which the remote no longer holds"));
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (IdLink l : links) {
            String id = l.ref().externalId();
            if (!seen.add(id)) {
                continue;
            }
            RemoteRecord r = byId.get(id);
            if (r == null) {
                out.add(new Finding(Kind.LINK_MISSING, id, null, l.localId(), "OAKit record " + l.localId() + " is linked to remote record "
                        + id + ", which the remote no longer holds; unlink it or link the record that replaced it"));
            } else {
                for (String d : fields.apply(l.localId(), r)) {
                    out.add(new Finding(Kind.FIELD_DIFFERS, id, r.key(), l.localId(), d));
                }
            }
        }
        return out;
    }
}

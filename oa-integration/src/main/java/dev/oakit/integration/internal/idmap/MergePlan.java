package dev.oakit.integration.internal.idmap;

import dev.oakit.integration.IdLink;
import dev.oakit.integration.IdMapChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a merge does, decided from the two records' links alone: a link of the merged record moves
 * to the survivor, unless the survivor has a record of that system already, then it is dropped.
 *
 * @param moved links that move to the survivor
 * @param dropped links that are removed
 */
record MergePlan(List<IdLink> moved, List<IdLink> dropped) {
    static MergePlan of(List<IdLink> survivor, List<IdLink> merged) {
        Set<String> taken = survivor.stream().map(l -> l.ref().system()).collect(Collectors.toSet());
        List<IdLink> moved = new ArrayList<>();
        List<IdLink> dropped = new ArrayList<>();
        for (IdLink l : merged) {
            (taken.contains(l.ref().system()) ? dropped : moved).add(l);
        }
        return new MergePlan(List.copyOf(moved), List.copyOf(dropped));
    }

    IdMapChange.Action actionOf(IdLink l) {
        return moved.contains(l) ? IdMapChange.Action.MERGE : IdMapChange.Action.MERGE_DROP;
    }
}

package dev.oakit.erp.masterdata.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.form.FieldOption;
import dev.oakit.core.form.spi.OptionSource;
import dev.oakit.core.spi.Commands;
import dev.oakit.erp.internal.BridgeTarget;
import dev.oakit.erp.masterdata.MasterData;
import dev.oakit.erp.masterdata.MasterKind;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synced master data of one kind as the options of form fields ({@code erp.vendor}, {@code erp.material},
 * {@code erp.cost-centre}, {@code erp.project}): the active records of the field's target, or of the bridge's
 * connector when the field names none. Reads only the local copy, never the ERP.
 */
public final class MasterOptionSource implements OptionSource {
    /** @return new sources for one OAKit, one per kind a form field may offer (each is injected by its OAKit) */
    public static List<MasterOptionSource> all() {
        return List.of(new MasterOptionSource(MasterKind.VENDOR, "erp.vendor"), new MasterOptionSource(MasterKind.MATERIAL, "erp.material"),
                new MasterOptionSource(MasterKind.COST_CENTRE, "erp.cost-centre"), new MasterOptionSource(MasterKind.PROJECT, "erp.project"));
    }

    private final MasterKind kind;
    private final String id;
    private Commands commands;
    private MasterDataRepository repo;
    private MasterData data;
    private BridgeTarget bridge;

    private MasterOptionSource(MasterKind kind, String id) {
        this.kind = kind;
        this.id = id;
    }

    /** Guice injects a contributed instance when OAKit is built. */
    @Inject
    void use(Commands commands, MasterDataRepository repo, MasterData data, BridgeTarget bridge) {
        this.commands = commands;
        this.repo = repo;
        this.data = data;
        this.bridge = bridge;
    }

    @Override
    public String id() {
        return id;
    }

    private String target(String target) {
        return target == null ? bridge.connector().id() : target;
    }

    @Override
    public List<FieldOption> options(Actor actor, String target) {
        return data.options(actor, target(target), kind);
    }

    @Override
    public Map<String, State> lookUp(Actor actor, String target, Collection<String> values) {
        Map<String, State> out = new LinkedHashMap<>();
        commands.query(h -> repo.activeOf(h, actor.tenantId(), target(target), kind, values))
                .forEach((value, active) -> out.put(value, active ? State.ACTIVE : State.INACTIVE));
        return out;
    }
}

package io.aibatch.routing;

import java.util.List;

/** A result that says where its item's content went; the audit trail and the run report read it. */
public interface Routed {

    String id();

    String source();

    String name();

    boolean restricted();

    List<String> restrictedReasons();

    List<EngineUse> routing();
}

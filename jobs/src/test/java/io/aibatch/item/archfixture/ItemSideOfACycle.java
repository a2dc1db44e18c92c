package io.aibatch.item.archfixture;

import io.aibatch.json.archfixture.JsonSideOfACycle;

/** Fixture for ArchitectureTest: one half of a cycle between the areas item and json (test code only). */
public class ItemSideOfACycle {
    JsonSideOfACycle other;
}

package io.aibatch.json.archfixture;

import io.aibatch.item.archfixture.ItemSideOfACycle;

/** Fixture for ArchitectureTest: the other half of a cycle between the areas item and json (test code only). */
public class JsonSideOfACycle {
    ItemSideOfACycle other;
}

package io.aibatch.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.aibatch.item.archfixture.ItemSideOfACycle;
import io.aibatch.json.archfixture.JsonSideOfACycle;
import io.aibatch.plan.archfixture.PlanUsingTheRuntime;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture of issue 17 as executable rules, checked against the production classes of every module on this
 * module's test class path (steps, k8s-jobs, starter, jobs and the developer tools). The rules are plain ArchUnit
 * rules run from JUnit Jupiter tests (the core library, not archunit-junit5's engine, which targets JUnit Platform 1).
 */
class ArchitectureTest {

    /** The job-agnostic building blocks of the steps module. */
    static final String[] STEPS = {
        "io.aibatch.audio..",
        "io.aibatch.blob..",
        "io.aibatch.classify..",
        "io.aibatch.cost..",
        "io.aibatch.document..",
        "io.aibatch.engine..",
        "io.aibatch.incremental..",
        "io.aibatch.item..",
        "io.aibatch.json..",
        "io.aibatch.pipeline..",
        "io.aibatch.plan..",
        "io.aibatch.report..",
        "io.aibatch.reprocess..",
        "io.aibatch.resilience..",
        "io.aibatch.routing..",
        "io.aibatch.sink..",
        "io.aibatch.source..",
        "io.aibatch.store..",
        "io.aibatch.summarize.."
    };

    static final String[] DEVELOPER_TOOLS = {"io.aibatch.simulator..", "io.aibatch.devtools.."};

    /**
     * No cycles between the top-level areas (io.aibatch.X..: each area of steps, k8s, cli, runtime, jobs, simulator,
     * devtools is one slice; the jobs among themselves are checked by {@link #JOBS_ARE_INDEPENDENT}).
     * <p>
     * The dependencies ignored here are the known back edges of steps/ (a cycle of twelve areas found when this rule was
     * written, issue 17); each is a debt with its fix named, and no new one may be added: a new back edge fails the rule.
     */
    static final ArchRule NO_CYCLES_BETWEEN_AREAS = slices().matching("io.aibatch.(*)..")
            .should()
            .beFreeOfCycles()
            // the cost model reads the run report; fix: CostModel takes the units and pools it prices, RunReport keeps
            // RunCost
            .ignoreDependency(classOrNested("io.aibatch.cost.CostModel"), resideInAPackage("io.aibatch.report.."))
            // the counters name routing's EngineUse/Routed; fix: routing reports through a counter interface owned by
            // report
            .ignoreDependency(
                    classOrNested("io.aibatch.report.SliceCounters"), resideInAPackage("io.aibatch.routing.."))
            // engines classify their transport failures with FailurePolicy.fromStatus/fromException while resilience
            // wraps engines; fix: those status/exception mappings (which need only BackendException) move to a class of
            // io.aibatch.engine and FailurePolicy keeps the run-level decisions (item, transient, outage, fatal)
            .ignoreDependency(
                    resideInAPackage("io.aibatch.engine.."), classOrNested("io.aibatch.resilience.FailurePolicy"))
            .because("a cycle makes two areas one unit: neither can be understood, tested or moved without the other");

    static final ArchRule STEPS_ARE_JOB_AND_RUNTIME_AGNOSTIC = noClasses()
            .that()
            .resideInAnyPackage(STEPS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.aibatch.runtime..", "io.aibatch.cli..", "io.aibatch.jobs..")
            .because(
                    "steps/ holds the job-agnostic building blocks: the run machinery (starter) and the jobs are built on them, not the other way round");

    static final ArchRule K8S_IS_JOB_AND_RUNTIME_AGNOSTIC = noClasses()
            .that()
            .resideInAPackage("io.aibatch.k8s..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.aibatch.runtime..", "io.aibatch.cli..", "io.aibatch.jobs..")
            .because(
                    "k8s-jobs builds Kubernetes objects from plain settings; the run machinery and the jobs use it, not the other way round");

    static final ArchRule NOTHING_GENERIC_NAMES_A_JOB = noClasses()
            .that()
            .resideInAPackage("io.aibatch..")
            .and()
            .resideOutsideOfPackage("io.aibatch.jobs..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.aibatch.jobs..")
            .because(
                    "adding a job must not need an edit to shared code: generic code reaches jobs only through the extension points");

    static final ArchRule JOBS_ARE_INDEPENDENT = slices().matching("io.aibatch.jobs.(*)..")
            .should()
            .notDependOnEachOther()
            .because("each shipped job is self-contained, as a user's job in its own module would be");

    static final ArchRule AZURE_OPENAI_SDK_ONLY_IN_LLM_ENGINE =
            sdkOnlyIn(new String[] {"com.azure.ai.openai.."}, "io.aibatch.engine.llm..");

    /** The OpenAI SDK also serves the OpenAI transcription API, which is a speech engine. */
    static final ArchRule OPENAI_SDK_ONLY_IN_LLM_AND_SPEECH_ENGINES =
            sdkOnlyIn(new String[] {"com.openai.."}, "io.aibatch.engine.llm..", "io.aibatch.engine.speech..");

    static final ArchRule SPEECH_SDK_ONLY_IN_SPEECH_ENGINE =
            sdkOnlyIn(new String[] {"com.microsoft.cognitiveservices.speech.."}, "io.aibatch.engine.speech..");

    static final ArchRule TESSERACT_ONLY_IN_OCR_ENGINE =
            sdkOnlyIn(new String[] {"org.bytedeco..", "net.sourceforge.tess4j.."}, "io.aibatch.engine.ocr..");

    static final ArchRule LANGCHAIN4J_ONLY_IN_EMBED_ENGINE =
            sdkOnlyIn(new String[] {"dev.langchain4j.."}, "io.aibatch.engine.embed..");

    static final ArchRule COSMOS_SDK_ONLY_IN_COSMOS_SINK =
            sdkOnlyIn(new String[] {"com.azure.cosmos.."}, "io.aibatch.sink.cosmos..");

    /** The Blob client is built in io.aibatch.blob; the Blob source and the Blob output store are its two users. */
    static final ArchRule BLOB_SDK_ONLY_IN_BLOB_CLASSES = noClasses()
            .that(resideOutsideOfPackages("io.aibatch.blob..")
                    .and(not(classOrNested("io.aibatch.source.BlobContainerSource")))
                    .and(not(classOrNested("io.aibatch.store.BlobOutputStore"))))
            .and()
            .resideInAPackage("io.aibatch..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.azure.storage.blob..")
            .because(
                    "the Blob Storage SDK stays behind io.aibatch.blob, the Blob source and the Blob output store, so the rest"
                            + " works on the Source/OutputStore abstractions and other storages can be added beside it");

    /** Also the {@code k8s} command, whose whole job is to talk to the cluster (submit, status, cancel, logs). */
    static final ArchRule FABRIC8_ONLY_IN_KUBERNETES_PACKAGES = noClasses()
            .that(resideOutsideOfPackages("io.aibatch.k8s..", "io.aibatch.runtime.kubernetes..")
                    .and(not(classOrNested("io.aibatch.cli.K8sCommand"))))
            .and()
            .resideInAPackage("io.aibatch..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.fabric8..")
            .because(
                    "the Kubernetes client stays in the Kubernetes packages (and the k8s command), so runs without a cluster"
                            + " never touch it and the rest of the run machinery stays independent of the orchestrator");

    static final ArchRule DEVELOPER_TOOLS_NOT_IN_PRODUCTION = noClasses()
            .that()
            .resideInAPackage("io.aibatch..")
            .and()
            .resideOutsideOfPackages(DEVELOPER_TOOLS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DEVELOPER_TOOLS)
            .because(
                    "the simulator and the sample generator are developer tools: they are not in the production jar or the image");

    static final ArchRule PACKAGES_ARE_NULL_MARKED = classes()
            .that()
            .resideInAPackage("io.aibatch..")
            .should(resideInANullMarkedPackage())
            .because(
                    "JSpecify @NullMarked on every package (Spring Framework 7's convention): types are non-null unless"
                            + " marked @Nullable, so a new package cannot silently opt out");

    static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // in a reactor build the steps module's test classes arrive as aibatch-steps-...-tests.jar
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.aibatch");
    }

    @Test
    void packagesAreFreeOfCycles() {
        NO_CYCLES_BETWEEN_AREAS.check(production);
    }

    @Test
    void stepsAndK8sDependOnNeitherRuntimeNorJobs() {
        STEPS_ARE_JOB_AND_RUNTIME_AGNOSTIC.check(production);
        K8S_IS_JOB_AND_RUNTIME_AGNOSTIC.check(production);
    }

    @Test
    void genericPackagesNeverNameAJob() {
        NOTHING_GENERIC_NAMES_A_JOB.check(production);
        JOBS_ARE_INDEPENDENT.check(production);
    }

    @Test
    void enginesSdksStayInTheirEnginePackages() {
        AZURE_OPENAI_SDK_ONLY_IN_LLM_ENGINE.check(production);
        OPENAI_SDK_ONLY_IN_LLM_AND_SPEECH_ENGINES.check(production);
        SPEECH_SDK_ONLY_IN_SPEECH_ENGINE.check(production);
        TESSERACT_ONLY_IN_OCR_ENGINE.check(production);
        LANGCHAIN4J_ONLY_IN_EMBED_ENGINE.check(production);
        COSMOS_SDK_ONLY_IN_COSMOS_SINK.check(production);
        BLOB_SDK_ONLY_IN_BLOB_CLASSES.check(production);
        FABRIC8_ONLY_IN_KUBERNETES_PACKAGES.check(production);
    }

    @Test
    void developerToolsStayOutOfProduction() {
        DEVELOPER_TOOLS_NOT_IN_PRODUCTION.check(production);
    }

    @Test
    void everyPackageIsNullMarked() {
        PACKAGES_ARE_NULL_MARKED.check(production);
    }

    /** The import is the whole production code base: one class of every module is in it, and no test class. */
    @Test
    void importHoldsEveryModulesProductionClassesOnly() {
        for (String name : List.of(
                "io.aibatch.engine.EngineFactory",
                "io.aibatch.k8s.IndexedJobClient",
                "io.aibatch.runtime.Pipeline",
                "io.aibatch.cli.AibatchCommand",
                "io.aibatch.jobs.document.DocumentPipeline",
                "io.aibatch.jobs.audio.AudioTranscriptionPipeline",
                "io.aibatch.simulator.Simulator")) {
            assertThat(production.contain(name)).as(name).isTrue();
        }
        assertThat(production.contain(ArchitectureTest.class)).isFalse();
        assertThat(production.contain(PlanUsingTheRuntime.class)).isFalse();
    }

    /** The rules can fail: each is evaluated against fixture classes of this test source that break it. */
    @Test
    void rulesReportViolations() {
        JavaClasses fixtures = new ClassFileImporter()
                .importClasses(ItemSideOfACycle.class, JsonSideOfACycle.class, PlanUsingTheRuntime.class);

        assertThat(NO_CYCLES_BETWEEN_AREAS.evaluate(fixtures).getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail).contains("Cycle detected: Slice item -> ", "Slice json -> "));
        assertThat(STEPS_ARE_JOB_AND_RUNTIME_AGNOSTIC
                        .evaluate(fixtures)
                        .getFailureReport()
                        .getDetails())
                .anySatisfy(detail -> assertThat(detail)
                        .contains(PlanUsingTheRuntime.class.getName(), "io.aibatch.runtime.RunParameters"))
                .anySatisfy(detail -> assertThat(detail)
                        .contains(PlanUsingTheRuntime.class.getName(), "io.aibatch.jobs.document.DocumentPipeline"));
        assertThat(NOTHING_GENERIC_NAMES_A_JOB.evaluate(fixtures).hasViolation())
                .isTrue();
        assertThat(PACKAGES_ARE_NULL_MARKED
                        .evaluate(fixtures)
                        .getFailureReport()
                        .getDetails())
                .anySatisfy(detail -> assertThat(detail)
                        .contains("package io.aibatch.plan.archfixture", "no @NullMarked package-info.java"));
        // and the same rules hold for the production classes, which do not contain the fixtures
        assertThat(STEPS_ARE_JOB_AND_RUNTIME_AGNOSTIC.evaluate(production).hasViolation())
                .isFalse();
    }

    static ArchRule sdkOnlyIn(String[] sdkPackages, String... allowedPackages) {
        return noClasses()
                .that()
                .resideInAPackage("io.aibatch..")
                .and()
                .resideOutsideOfPackages(allowedPackages)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(sdkPackages)
                .because(
                        "an engine's SDK stays inside its engine package, so everything else works on the engine interfaces"
                                + " and an engine can be replaced or added without touching its users");
    }

    static DescribedPredicate<JavaClass> classOrNested(String className) {
        return nameMatching(java.util.regex.Pattern.quote(className) + "(\\$.*)?")
                .forSubtype();
    }

    static ArchCondition<JavaClass> resideInANullMarkedPackage() {
        return new ArchCondition<>("reside in a package whose package-info is annotated @NullMarked") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                boolean marked = javaClass
                        .getPackage()
                        .tryGetPackageInfo()
                        .map(info -> info.isAnnotatedWith(NullMarked.class))
                        .orElse(false);
                if (!marked) {
                    events.add(SimpleConditionEvent.violated(
                            javaClass,
                            "package " + javaClass.getPackageName() + " of " + javaClass.getName()
                                    + " has no @NullMarked package-info.java"));
                }
            }
        };
    }
}

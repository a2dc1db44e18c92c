package io.aibatch.runtime.partition;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/** How to start another JVM running this same application: {@code java -jar aibatch.jar} or {@code java -cp ... Main}. */
public final class JvmCommand {

    private static final String MAIN = "io.aibatch.cli.AibatchCommand";

    private JvmCommand() {}

    public static List<String> current(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a worker out of memory exits at once instead of limping on half-broken; the restart then finds the poison
        // item
        command.add("-XX:+ExitOnOutOfMemoryError");
        // settings given to this JVM (-Daibatch.chunk-size=..., -Xmx...) apply to its workers too
        for (String jvmArgument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (jvmArgument.startsWith("-Daibatch.")
                    || jvmArgument.startsWith("-Dspring.")
                    || jvmArgument.startsWith("-Xmx")
                    || jvmArgument.startsWith("-DCOSMOS.")
                    || jvmArgument.startsWith("-Djava.io.tmpdir")) {
                command.add(jvmArgument);
            }
        }
        // an application started through AibatchCommand.run(App.class) names itself to its workers (-jar runs its main
        // again)
        String application = System.getProperty("aibatch.application");
        if (application != null && command.stream().noneMatch(a -> a.startsWith("-Daibatch.application="))) {
            command.add("-Daibatch.application=" + application);
        }
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator) && isBootJar(classPath)) {
            command.add("-jar");
            command.add(classPath);
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(MAIN);
        }
        command.addAll(arguments);
        return command;
    }

    /** The executable jar built by Spring Boot (and not, say, a test runner's manifest-only jar). */
    private static boolean isBootJar(String jar) {
        try (JarFile file = new JarFile(jar)) {
            String main = file.getManifest() == null
                    ? null
                    : file.getManifest().getMainAttributes().getValue("Main-Class");
            return main != null && main.startsWith("org.springframework.boot.loader");
        } catch (IOException e) {
            return false;
        }
    }
}

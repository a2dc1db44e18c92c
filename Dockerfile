# aibatch application image: one image for the run manager and for the slice workers.
#
#   docker build -t <registry>.azurecr.io/aibatch:0.1.0 .
#   (or without a local Docker engine: az acr build -r <registry> -t aibatch:0.1.0 .)
#
# Not built in this repository's CI: its machines have no Docker engine. The manifests under
# k8s-jobs/manifests expect exactly what this file sets up: the jar at /app/aibatch.jar, user 65532,
# and a read-only root filesystem with only /tmp writable.

# ---- build stage: the Spring Boot jar of the jobs module (and the modules it needs) ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY steps ./steps
COPY jobs ./jobs
COPY k8s-jobs ./k8s-jobs
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl jobs -am package -DskipTests

# ---- runtime stage: a JRE and the jar, nothing else ----
FROM eclipse-temurin:17-jre-jammy
COPY --from=build /src/jobs/target/aibatch.jar /app/aibatch.jar
# Non-root (the pods also set runAsUser 65532). With a read-only root filesystem only /tmp is
# writable: JVM temp files and JavaCPP's native-library cache (Tesseract, Leptonica) go there.
# ExitOnOutOfMemoryError: a JVM out of memory exits rather than limping on; a restart retries its in-flight items alone.
ENV HOME=/tmp \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp"
USER 65532:65532
ENTRYPOINT ["java", "-jar", "/app/aibatch.jar"]

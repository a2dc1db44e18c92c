# aibatch application image: one image for the run manager and for the slice workers.
#
#   docker build -t <registry>.azurecr.io/aibatch:0.1.0 .        or, without a local engine:
#   az acr build -r <registry> -t aibatch:0.1.0 .
#   bash tools/image/build.sh                                     (CI: podman, bases made from Debian packages)
#
# The base images are build arguments. The defaults are the Temurin images at an exact version tag; for
# reproducible builds import them into a registry you control and pin them by digest, e.g.
#   az acr import -n <registry> --source docker.io/library/eclipse-temurin:17.0.17_10-jre-jammy
#   --build-arg RUNTIME_IMAGE=<registry>.azurecr.io/eclipse-temurin@sha256:<digest>
# (the digest: `az acr repository show -n <registry> --image eclipse-temurin:17.0.17_10-jre-jammy`).
ARG BUILD_IMAGE=maven:3.9.11-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.17_10-jre-jammy

# ---- build: the Spring Boot jar of the jobs module and the modules it needs, split into layers ----
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# the whole reactor (see .dockerignore): -am builds whatever modules jobs needs
COPY . .
# MAVEN_ARGS: e.g. "-o -Dmaven.repo.local=/host-m2" with the host's repository mounted (tools/image/build.sh)
ARG MAVEN_ARGS=""
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp ${MAVEN_ARGS} -pl jobs -am package -DskipTests
# Spring Boot's layered extract: lib/ holds the dependencies, aibatch.jar the application and a Class-Path to lib/
# (the layout the JVM's class-data sharing needs). Layers, least changing first: third-party dependencies (including
# the filtered natives), the loader, snapshot dependencies, the application (the project's modules, a few MB).
RUN java -Djarmode=tools -jar jobs/target/aibatch.jar extract --layers --destination /extracted

# ---- runtime: a JRE and the application, nothing else (no build tools, no simulator, no sample data) ----
FROM ${RUNTIME_IMAGE}
# The JDK's own class-data archive, if the base has none (Debian's JRE has none; Temurin's has one): a layer of its own
# before the application, so that a code change does not re-push it.
RUN java -Xshare:dump >/dev/null 2>&1 || true
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# User 65532 (the pods also set runAsUser 65532) with its home in /tmp: with a read-only root filesystem only /tmp
# is writable, and every JVM of the image (also the worker processes a manager starts) reads its home from here
# (JavaCPP's and DJL's native-library caches, JVM temp files).
RUN echo 'aibatch:x:65532:65532:aibatch:/tmp:/usr/sbin/nologin' >> /etc/passwd \
    && echo 'aibatch:x:65532:' >> /etc/group
# Class-data sharing: a training run at build time archives the classes it loaded; every start then maps them instead
# of loading them. The training run is a real run of one generated one-page PDF (OCR with the embedded Tesseract,
# enrichment off, embedded job repository): the Spring context, the plan and worker steps, the report, and the H2 and
# Spring Batch classes that `status` reads the repository with. Its input, output and state are deleted with /tmp/cds.
# The archive depends on the exact jars (the JVM checks their size and time), so a code change re-makes it.
RUN mkdir -p /tmp/cds/in \
    && printf '%s\n' '%PDF-1.4' '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj' '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj' \
         '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj' \
         '4 0 obj<</Length 41>>stream' 'BT /F1 24 Tf 72 700 Td (Invoice 42) Tj ET' 'endstream endobj' \
         '5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj' 'trailer<</Root 1 0 R>>' '%%EOF' > /tmp/cds/in/training.pdf \
    && AIBATCH_DOCUMENT_ENRICHMENT=false java -XX:ArchiveClassesAtExit=/app/aibatch.jsa -Duser.home=/tmp/cds \
         -Djava.io.tmpdir=/tmp/cds -Dorg.bytedeco.javacpp.cachedir=/tmp/cds/javacpp \
         -jar /app/aibatch.jar run document-pipeline --input /tmp/cds/in --output /tmp/cds/out --work-dir /tmp/cds/wd >/dev/null \
    ; rm -rf /tmp/cds /tmp/javacpp /tmp/hsperfdata_root && test -s /app/aibatch.jsa
USER 65532:65532
WORKDIR /tmp
# ExitOnOutOfMemoryError: a JVM out of memory exits rather than limping on; a restart retries its in-flight items alone.
# JavaCPP's cache (Tesseract, Leptonica natives) under /tmp; -Xshare:auto: a start without the archive still works.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/aibatch.jsa", "-Xshare:auto", "-XX:MaxRAMPercentage=75", \
            "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp", \
            "-jar", "/app/aibatch.jar"]

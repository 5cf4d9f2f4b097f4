# syntax=docker/dockerfile:1
# The agri-operator image: a release build with the Swift standard library linked statically, on a distroless,
# non-root runtime image. CI lints this file with hadolint and links the binary the same way (scripts/build-release,
# which also checks its shared libraries against the runtime image); see docs/installation.md.
#
#   docker build -t ghcr.io/agri-operator/agri-operator:0.1.0 .
#
# The build and runtime images share Debian 12 (bookworm), so the binary's glibc is the runtime's (2.36, which the
# packed relative relocations scripts/build-release links with need).

ARG SWIFT_VERSION=6.3
ARG VERSION=0.1.0

FROM swift:${SWIFT_VERSION}-bookworm AS build
WORKDIR /src
# Dependencies first: this layer is reused while only our sources change.
COPY Package.swift ./
RUN swift package resolve --scratch-path .build-release
COPY . .
RUN scripts/build-release /out/agri-operator

FROM gcr.io/distroless/cc-debian12:nonroot
ARG VERSION
LABEL org.opencontainers.image.title="agri-operator" \
      org.opencontainers.image.description="A Kubernetes operator that runs an agritech platform from one AgriPlatform resource" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="https://github.com/agri-operator/agri-operator" \
      org.opencontainers.image.vendor="agri-operator"
COPY --from=build /out/agri-operator /usr/local/bin/agri-operator
# distroless's nonroot user; the Helm chart and config/ also run it read-only, without capabilities.
USER 65532:65532
EXPOSE 8080 8081
ENTRYPOINT ["/usr/local/bin/agri-operator"]
CMD ["run"]

# CardService as a plain ASP.NET Core server (the same endpoints as the Functions app), for containers and k3s.
# Multi-arch: the SDK stage runs on the build machine and cross-publishes for the target, so
#   docker buildx build --platform linux/amd64,linux/arm64 -t <registry>/cardservice:<tag> --push .
# builds both images without emulating the compiler. Not built in this repository's CI (no base image can be
# pulled there); tests/CardService.Infra.Tests checks what it copies and the port and health path (docs/DEPLOY.md).

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY fonts/ fonts/
COPY src/CardService.Core/ src/CardService.Core/
COPY src/CardService.Functions/ src/CardService.Functions/
COPY host.json ./
# Self-contained for the target architecture (x64 or arm64): the runtime-deps base has no .NET of its own.
RUN dotnet publish src/CardService.Functions -c Release -a "$TARGETARCH" --self-contained \
      -p:PublishReadyToRun=true -o /app -nologo

# runtime-deps "chiseled-extra": no shell or package manager, a non-root user, and the ICU and tzdata the
# text layout needs (the plain chiseled image has no ICU).
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra AS final
WORKDIR /app
COPY --from=build /app/ ./
USER $APP_UID
# The app reads ASPNETCORE_URLS (src/CardService.Functions/Hosting/HostingPorts.cs); the chart sets the same.
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
# Liveness for orchestrators (the chart's probes use it): the image has no shell or curl for a HEALTHCHECK.
LABEL org.opencontainers.image.title="CardService" io.cardservice.health-path="/healthz"
ENTRYPOINT ["./CardService.Functions"]

using System.Text;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Benchmarks;

/// <summary>The texts the benchmarks read: the shared corpus, one typical file, and generated large files.</summary>
public static class Inputs
{
    /// <summary>
    /// A typical 40-line Dockerfile, the size of what an IDE re-analyses on every keystroke: build arguments,
    /// a Go build stage with and without cache mounts, a .NET stage, a runtime stage.
    /// </summary>
    public const string TypicalDockerfile = """
        # syntax=docker/dockerfile:1
        ARG GO_VERSION=1.23
        ARG DOTNET_VERSION=8.0

        FROM golang:${GO_VERSION}-alpine AS build
        WORKDIR /src
        ENV CGO_ENABLED=0 GOFLAGS=-trimpath
        COPY go.mod go.sum ./
        RUN go mod download
        COPY . .
        ARG TARGETOS TARGETARCH
        RUN --mount=type=cache,target=/root/.cache/go-build \
            GOOS=$TARGETOS GOARCH=$TARGETARCH go build -ldflags="-s -w" -o /out/server ./cmd/server

        FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS web
        WORKDIR /app
        COPY web/*.csproj ./web/
        RUN dotnet restore ./web/Web.csproj
        COPY web/ ./web/
        ARG NPM_TOKEN
        RUN dotnet publish ./web/Web.csproj -c Release -o /out/web --no-restore

        FROM alpine:3.20 AS runtime
        RUN apk add --no-cache ca-certificates tzdata \
            && addgroup -S app && adduser -S app -G app
        COPY --from=build /out/server /usr/local/bin/server
        COPY --from=web /out/web /srv/web
        COPY .env /srv/.env
        LABEL org.opencontainers.image.source="https://example.com/service" \
              org.opencontainers.image.licenses="MIT"
        ENV PORT=8080 \
            LOG_LEVEL=info
        EXPOSE 8080
        USER app
        WORKDIR /srv
        HEALTHCHECK --interval=30s --timeout=3s CMD ["/usr/local/bin/server", "health"]
        # dgb ignore=DGB030 -- the file holds defaults only
        COPY config.env /srv/config.env
        ENTRYPOINT ["/usr/local/bin/server"]
        CMD ["--listen", ":8080"]
        """ + "\n";

    /// <summary>The shared corpus: ../shared/corpus beside the repository, or $DOCKERGOBUILD_CORPUS.</summary>
    public static string CorpusRoot()
    {
        var configured = Environment.GetEnvironmentVariable("DOCKERGOBUILD_CORPUS");
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DockerGoBuild.Analyzers.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "corpus"));
            }
        }

        // BenchmarkDotNet runs the benchmarks from a generated project under bin/: fall back to the working folder.
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DockerGoBuild.Analyzers.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "corpus"));
            }
        }

        throw new InvalidOperationException("Cannot find ../shared/corpus; set DOCKERGOBUILD_CORPUS.");
    }

    /// <summary>
    /// The real Dockerfiles of corpus/go and corpus/dotnet that the peers are compared on: manifests and the
    /// four generator templates (which are not Dockerfiles until rendered) are left out.
    /// </summary>
    public static IReadOnlyList<string> CorpusFiles()
    {
        var root = CorpusRoot();
        return new[] { "go", "dotnet" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder)))
            .Where(IsComparedFile)
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();
    }

    public static bool IsComparedFile(string path)
    {
        var name = Path.GetFileName(path);
        return !name.EndsWith(".tsv", StringComparison.Ordinal)
            && !name.EndsWith(".template", StringComparison.Ordinal)
            && !name.Contains("__dockerfile-templates__", StringComparison.Ordinal);
    }

    public static string[] CorpusTexts() =>
        CorpusFiles().Select(path => DockerfileEncoding.Decode(File.ReadAllBytes(path), out _)).ToArray();

    public static long Utf8Bytes(IEnumerable<string> texts) => texts.Sum(text => (long)Encoding.UTF8.GetByteCount(text));

    /// <summary>
    /// A Dockerfile of at least <paramref name="bytes"/> UTF-8 bytes made of numbered stages in the proportions of
    /// the corpus (COPY, RUN, FROM and ARG first; multi-line shell scripts, heredocs, exec form, mounts), so that
    /// every rule has work to do and a 10 MB file is ten 1 MB files' worth of the same content. Like the corpus, it
    /// has a finding every twenty-odd lines (a module download without a cache mount, a token in a build argument).
    /// </summary>
    public static string Generate(int bytes)
    {
        var text = new StringBuilder(bytes + 4096);
        text.Append("# syntax=docker/dockerfile:1\nARG GO_VERSION=1.23\nARG BASE=alpine:3.20\n");
        for (var stage = 0; text.Length < bytes; stage++)
        {
            AppendStage(text, stage);
        }

        return text.ToString();
    }

    private static void AppendStage(StringBuilder text, int n)
    {
        switch (n % 4)
        {
            case 0:
                text.Append($$"""

                    # Build stage {{n}}: Go modules first, then the sources.
                    FROM golang:${GO_VERSION} AS build{{n}}
                    ARG VERSION_{{n}}=1.{{n}}.0
                    ENV CGO_ENABLED=0 GOFLAGS=-trimpath
                    WORKDIR /src/service{{n}}
                    COPY go.mod go.sum ./
                    RUN go mod download
                    COPY . .
                    RUN --mount=type=cache,target=/root/.cache/go-build \
                        --mount=type=cache,target=/go/pkg/mod \
                        go build -ldflags "-X main.version=$VERSION_{{n}}" -o /out/service{{n}} ./cmd/service{{n}} && \
                        go test ./... -run 'Test{{n}}'

                    """);
                break;
            case 1:
                text.Append($$"""

                    FROM mcr.microsoft.com/dotnet/sdk:8.0 AS web{{n}}
                    WORKDIR /app{{n}}
                    COPY ["src/Web{{n}}/Web{{n}}.csproj", "src/Web{{n}}/"]
                    RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages dotnet restore "src/Web{{n}}/Web{{n}}.csproj"
                    COPY . .
                    ARG NUGET_TOKEN_{{n}}
                    RUN dotnet publish "src/Web{{n}}/Web{{n}}.csproj" -c Release -o /app/publish{{n}} --no-restore /p:UseAppHost=false
                    ENV ASPNETCORE_URLS=http://+:80{{n % 10}}0
                    EXPOSE 80{{n % 10}}0

                    """);
                break;
            case 2:
                text.Append($$"""

                    FROM $BASE AS tools{{n}}
                    # Tools for stage {{n}}; the cache folders stay out of the image.
                    RUN apk add --no-cache ca-certificates curl git tzdata \
                        && addgroup -S app{{n}} && adduser -S app{{n}} -G app{{n}} \
                        && mkdir -p /opt/tools{{n}} \
                        && for f in a b c; do echo "$f" > "/opt/tools{{n}}/$f.txt"; done \
                        && if [ -n "$HTTP_PROXY" ]; then echo proxy; else echo direct; fi
                    RUN <<EOT
                      set -eux
                      export GOPATH=/opt/go{{n}}
                      sh -c 'echo "tool{{n}}" > /opt/tools{{n}}/name'
                      rm -rf /var/cache/apk/*
                    EOT
                    COPY --chown=app{{n}}:app{{n}} --chmod=755 scripts/ /opt/scripts{{n}}/
                    LABEL org.opencontainers.image.title="tools{{n}}" \
                          org.opencontainers.image.version="1.{{n}}"

                    """);
                break;
            default:
                text.Append($$"""

                    FROM $BASE AS runtime{{n}}
                    COPY --from=build{{n - 3}} /out/service{{n - 3}} /usr/local/bin/service{{n}}
                    COPY --from=web{{n - 2}} /app/publish{{n - 2}} /srv/web{{n}}
                    ENV PORT=8{{n % 1000:000}} LOG_LEVEL=info HOME=/home/app
                    USER app
                    WORKDIR /srv/web{{n}}
                    VOLUME ["/data{{n}}"]
                    HEALTHCHECK --interval=30s CMD ["/usr/local/bin/service{{n}}", "health"]
                    ENTRYPOINT ["/usr/local/bin/service{{n}}"]
                    CMD ["--port", "8{{n % 1000:000}}"]

                    """);
                break;
        }
    }
}

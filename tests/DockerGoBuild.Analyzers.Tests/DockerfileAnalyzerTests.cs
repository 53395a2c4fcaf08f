using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace DockerGoBuild.Analyzers.Tests;

public class DockerfileAnalyzerTests
{
    [Fact]
    public Task MissingSyntaxDirective_IsReportedOnTheFirstLine() =>
        Verify.Dockerfile("Dockerfile", "{|DGB001:FROM alpine:3.20|}\nRUN echo hi\n");

    [Fact]
    public Task SyntaxDirective_SatisfiesDgb001() =>
        Verify.Dockerfile("Dockerfile", "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN echo hi\n");

    [Fact]
    public Task SyntaxDirectiveAfterABlankLine_IsDgb002Only() =>
        Verify.Dockerfile("Dockerfile", "# escape=\\\n\n{|DGB002:# syntax=docker/dockerfile:1|}\nFROM alpine:3.20\n");

    [Fact]
    public Task MissingSyntaxDirective_WithCrlfLineBreaks() =>
        Verify.Dockerfile("Dockerfile", "{|DGB001:FROM alpine:3.20|}\r\nRUN echo hi\r\n");

    [Fact]
    public Task MissingSyntaxDirective_AfterAByteOrderMarkCharacter() =>
        Verify.Dockerfile("Dockerfile", "\uFEFF{|DGB001:FROM alpine:3.20|}\nRUN echo hi\n");

    [Fact]
    public Task MissingSyntaxDirective_InAFileDecodedFromUtf8WithABom()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("FROM alpine:3.20\nRUN echo hi\n")).ToArray();
        var text = SourceText.From(bytes, bytes.Length, Encoding.UTF8, canBeEmbedded: true);
        return Verify.Dockerfile("Dockerfile", text, Verify.Diagnostic("DGB001").WithSpan("Dockerfile", 1, 1, 1, 17));
    }

    [Fact]
    public Task SyntaxDirectiveWithByteOrderMark_SatisfiesDgb001() =>
        Verify.Dockerfile("Dockerfile", "\uFEFF# syntax=docker/dockerfile:1\nFROM alpine:3.20\n");

    [Fact]
    public Task EscapeDirectiveThenACommentWithoutSyntax_IsReportedAtLineOne() =>
        Verify.Dockerfile("Dockerfile", "{|DGB001:# escape=`|}\n# The build image\nFROM mcr.microsoft.com/dotnet/sdk:9.0-nanoserver-ltsc2022\n");

    [Fact]
    public Task DuplicateSyntaxDirective_IsDgb002() =>
        Verify.Dockerfile("Dockerfile", "# syntax=docker/dockerfile:1\n{|DGB002:# syntax=docker/dockerfile:1.7|}\nFROM alpine:3.20\n");

    [Fact]
    public Task MisspeltSyntaxKey_IsDgb002InsteadOfDgb001() =>
        Verify.Dockerfile("Dockerfile", "{|DGB002:# sytnax=docker/dockerfile:1|}\nFROM alpine:3.20\n");

    [Fact]
    public Task IndentedSyntaxDirective_IsDgb002InsteadOfDgb001() =>
        Verify.Dockerfile("Dockerfile", "  {|DGB002:# syntax=docker/dockerfile:1|}\nFROM alpine:3.20\n");

    [Fact]
    public Task UnterminatedHeredoc_IsDgb000() =>
        Verify.Dockerfile("Dockerfile", "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN {|DGB000:<<EOF|}\necho hi\n");

    [Fact]
    public Task UnknownInstruction_IsDgb000() =>
        Verify.Dockerfile("Dockerfile", "# syntax=docker/dockerfile:1\nFROM alpine:3.20\n{|DGB000:FORM|} alpine\n");

    [Theory]
    [InlineData("Dockerfile.dev")]
    [InlineData("api.Dockerfile")]
    [InlineData("Containerfile")]
    [InlineData("Containerfile.prod")]
    [InlineData("dockerfile-build")]
    [InlineData("/src/app/DOCKERFILE_ci")]
    public Task DockerfileNames_AreAnalysed(string fileName) =>
        Verify.Dockerfile(fileName, "{|DGB001:FROM alpine:3.20|}\n");

    [Theory]
    [InlineData("Dockerfile.cs")]
    [InlineData("Dockerfile.md")]
    [InlineData("api.Dockerfile.json")]
    [InlineData("Dockerfile.yml")]
    [InlineData("Dockerfile.dockerignore")]
    [InlineData("appsettings.json")]
    [InlineData("build.txt")]
    public Task OtherAdditionalFiles_AreNotAnalysed(string fileName) =>
        Verify.Dockerfile(fileName, "FROM alpine:3.20\nFORM nothing\n");

    [Fact]
    public Task KindMetadata_MarksAnyFileAsADockerfile() =>
        Verify.Dockerfile(
            "/0/build-image.txt",
            "{|DGB001:FROM alpine:3.20|}\n",
            "is_global = true\n\n[/0/build-image.txt]\nbuild_metadata.AdditionalFiles.DockerGoBuildKind = Dockerfile\n");

    [Fact]
    public Task KindMetadata_OtherValueOptsADockerfileNameOut() =>
        Verify.Dockerfile(
            "/0/Dockerfile",
            "FROM alpine:3.20\n",
            "is_global = true\n\n[/0/Dockerfile]\nbuild_metadata.AdditionalFiles.DockerGoBuildKind = None\n");

    [Fact]
    public Task InFileSuppression_HidesTheFinding() =>
        Verify.Dockerfile("Dockerfile", "# dgb global ignore=DGB001 -- the builder pins its frontend\nFROM alpine:3.20\n");
}

using System.Collections.Generic;
using System.Linq;
using CsCheck;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Tests.Robustness;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Semantics;

public class UnixPathTests
{
    [Theory]
    [InlineData("/go/pkg/mod", "/src", "/go/pkg/mod")]
    [InlineData("/root/.cache/go-build/", "/", "/root/.cache/go-build")]
    [InlineData("app", "/", "/app")]
    [InlineData("./out/../bin", "/src/app", "/src/app/bin")]
    [InlineData("../../../..", "/a/b", "/")]
    [InlineData("//x//y/.", "/w", "/x/y")]
    [InlineData("", "/w/", "/w")]
    [InlineData(".cache", null, null)]
    [InlineData("/a/\u0001/b", "/", null)]
    public void Resolves_against_the_workdir_and_normalises(string path, string? workdir, string? expected) =>
        Assert.Equal(expected, UnixPath.Resolve(path, workdir));

    [Fact]
    public void A_path_resolves_to_itself_exactly_when_walking_its_segments_gives_it_back()
    {
        // Every absolute path of up to seven characters of '/', '.' and a letter.
        var paths = new List<string> { "/" };
        for (var start = 0; start < paths.Count; start++)
        {
            if (paths[start].Length < 7)
            {
                paths.AddRange(new[] { paths[start] + "/", paths[start] + ".", paths[start] + "a" });
            }
        }

        foreach (var path in paths)
        {
            Assert.Equal(ByWalkingSegments(path, "/w") == path, UnixPath.ResolvesToItself(path));
        }
    }

    [Fact]
    public void Resolves_as_joining_and_walking_the_segments_does()
    {
        var segment = Gen.OneOfConst("", ".", "..", "...", "a", "b.c", ".d", "go-build");
        var path = Gen.Select(Gen.Bool, segment.Array[0, 6]).Select(p => (p.Item1 ? "/" : string.Empty) + string.Join("/", p.Item2));
        Gen.Select(path, path).Sample((text, workdir) =>
        {
            var absoluteWorkdir = "/" + workdir;
            Assert.Equal(ByWalkingSegments(text, absoluteWorkdir), UnixPath.Resolve(text, absoluteWorkdir));
            Assert.Equal(UnixPath.Resolve(text, absoluteWorkdir), UnixPath.ResolveShared(text, absoluteWorkdir));

            // A path said to resolve to itself does so against any working directory, unknown ones included.
            if (UnixPath.ResolvesToItself(text))
            {
                Assert.Same(text, UnixPath.Resolve(text, absoluteWorkdir));
                Assert.Same(text, UnixPath.Resolve(text, null));
            }
            else
            {
                Assert.NotSame(text, UnixPath.Resolve(text, absoluteWorkdir));
            }
        }, iter: FuzzBudget.Iterations(5000));
    }

    // The plain way: join, split at every '/', walk the segments.
    private static string ByWalkingSegments(string path, string workdir)
    {
        var segments = new List<string>();
        foreach (var segment in (path.StartsWith('/') ? path : workdir + "/" + path).Split('/'))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment.Length > 0 && segment != ".")
            {
                segments.Add(segment);
            }
        }

        return "/" + string.Join("/", segments);
    }
}

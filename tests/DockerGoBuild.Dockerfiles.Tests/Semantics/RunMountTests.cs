using System;
using System.Collections.Generic;
using System.Linq;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Semantics;

public class RunMountTests
{
    [Theory]
    [InlineData("target=/go/pkg/mod", "GoModules")]
    [InlineData("target=/root/go/PKG/MOD", "GoModules")]
    [InlineData("target=/cache,id=gomod", "GoModules")]
    [InlineData("target=/x/modcache-go-build", "GoModules")]
    [InlineData("target=/root/.cache/go-build", "GoBuild")]
    [InlineData("target=/GOCACHE", "GoBuild")]
    [InlineData("target=/c,id=go-cache", "GoBuild")]
    [InlineData("target=/root/.nuget/packages", "NuGetPackages")]
    [InlineData("target=/root/.NuGet/packages", "NuGetPackages")]
    [InlineData("target=/root/.nuget/http-cache", "none")]
    [InlineData("target=/root/.nuget/v3-cache", "none")]
    [InlineData("target=/tmp/NuGetScratch", "none")]
    [InlineData("target=/root/.local/share/NuGet/plugins-cache", "none")]
    [InlineData("target=/var/cache/apt", "none")]
    [InlineData("target=/root/.cache/golangci-lint", "none")]
    [InlineData("target=/root/.npm,id=gomod", "none")]
    [InlineData("target=/data", "none")]
    [InlineData("target=/\u212Aache/go-build", "GoBuild")]
    [InlineData("target=/\u00e9/pkg/mod", "GoModules")]
    [InlineData("target=/go/p\u212Ag/mod", "GoModules")]
    [InlineData("target=/go/pkg/mod/\u212A", "GoModules")]
    [InlineData("target=/root/.nuget/\u00e9/packages", "NuGetPackages")]
    [InlineData("target=/go/pkg/mo", "none")]
    [InlineData("target=/x/gO-MoD", "GoModules")]
    [InlineData("target=/go/gobuild", "GoBuild")]
    [InlineData("target=/g/go--build", "none")]
    [InlineData("target=/cache/go", "none")]
    [InlineData("target=/cache/go-", "none")]
    [InlineData("id=nuget", "NuGetPackages")]
    [InlineData("target=/root/.m2,id=gomod", "none")]
    [InlineData("target=/CACHE/Yarn/go-build", "none")]
    [InlineData("target=/root/.cache/go-build,id=npm-cache", "none")]
    [InlineData("target=/root/.cache/Gradle-go-build", "none")]
    [InlineData("target=/root/.cache/gradl/go-build", "GoBuild")]
    [InlineData("target=/root/.cache/pip-tools/pkg/mod", "none")]
    [InlineData("target=/root/.cache/pipx/pkg/mod", "GoModules")]
    [InlineData("target=/root/.cache/cargo2/pkg/mod", "none")]
    [InlineData("target=/root/\u212Aache/apt", "none")]
    public void Cache_mounts_are_told_apart_by_target_or_id(string options, string expected)
    {
        var syntax = DockerfileParser.Parse($"FROM alpine\nRUN --mount=type=cache,{options} true\n");
        var run = syntax.InstructionList[1];
        var mounts = ReadMounts(syntax, run);

        Assert.Equal(expected, mounts[0].MeantFor()?.ToString() ?? "none");
    }
    public static IEnumerable<object[]> MountFlags() =>
        new[]
        {
            "--mount=type=cache,target=/go/pkg/mod",
            "--mount=type=cache,target=/root/.cache/go-build,id=gobuild,sharing=locked",
            "--mount=TYPE=Cache,Target=/x,ID=y,Env=Z",
            "--mount=type=secret,id=token,env=TOKEN",
            "--mount=type=secret,id=token,env",
            "--mount=type=secret,id,target",
            "--mount=type,target=",
            "--mount=\"type=cache\",\"target=/a,b\",id='x,y'",
            "--mount=type=\"cache\",target=\"/go/pkg/mod\"",
            "--mount=type=cache,,target=/a,,",
            "--mount=,type=cache",
            "--mount= type =cache, target = /a ,  id  =b",
            "--mount=type=cache,target=/a,dst=/b,destination=/c",
            "--mount=type=cache,target=/a,target=/b",
            "--mount=type=cache,tar\"get\"=/q",
            "--mount=type=cache,\u212Aey=1,\u0130d=2,target=/k",
            "--mount=type=cache,ta-rget=/a,target2=/b,id1=c",
            "--mount=type=CACHE,target=/a",
            "--mount=type=Tmpfs,target=/t",
            "--mount=type=b\u0130nd,target=/t",
            "--mount=type=cache,target=/a=b,id=c=d",
            "--mount=type=cache,target='/a\"b,c'\",d\"",
            "--mount=type=cache,target=\"/unterminated,id=x",
            "--mount=type=cache,id='a,b',target=/x,env=E",
            "--mount=target=/x,type=cache,id=\"y\"",
            "--mount=id=x,target='/a'b'/c,d',type=cache",
            "--mount=type=cache,target=/a\"\",id=''",
            "--mount=type=cache,\ttarget\t=/tab",
            "--mount=type=cache,target=$HOME/go,id=${ID}",
            "--mount",
            "--mount=",
        }.Select(flag => new object[] { flag });

    [Theory]
    [MemberData(nameof(MountFlags))]
    public void Mount_options_are_read_in_place_as_the_flag_option_list_has_them(string flag)
    {
        var syntax = DockerfileParser.Parse($"FROM alpine\nRUN {flag} \\\n  --mount=type=bind,target=/b true\n");
        var run = syntax.InstructionList[1];
        var mounts = ReadMounts(syntax, run);
        var flags = run.Flags.Where(f => f.Name == "mount").ToList();

        Assert.Equal(flags.Count, mounts.Length);
        for (var i = 0; i < flags.Count; i++)
        {
            // As the rules read mounts before they were read in place: through the flag's option list.
            string type = "bind";
            FlagOption? target = null;
            string? id = null;
            string? env = null;
            foreach (var option in flags[i].Options)
            {
                switch (option.Key)
                {
                    case "type":
                        type = (option.Value ?? string.Empty).ToLowerInvariant();
                        break;
                    case "target" or "dst" or "destination":
                        target = option;
                        break;
                    case "id":
                        id = option.Value;
                        break;
                    case "env":
                        env = option.Value ?? string.Empty;
                        break;
                }
            }

            Assert.Equal(type, mounts[i].Type);
            Assert.Equal(target?.Value, mounts[i].RawTarget);
            Assert.Equal(id, mounts[i].Id);
            Assert.Equal(env, mounts[i].Env);
            Assert.Equal(target != null, mounts[i].TryGetTargetOption(run, out var start, out var valueStart, out var end));
            Assert.Equal(target?.Start ?? -1, start);
            Assert.Equal(target?.ValueStart ?? -1, valueStart);
            Assert.Equal(target?.End ?? -1, end);
        }
    }

    // The state a stage of a file whose escape character is '\' starts with.
    [Fact]
    public void What_a_mount_is_meant_for_is_told_alike_for_cache_mounts_and_others()
    {
        // A cache mount's is worked out as it is read; another mount's when asked, from the same target and id.
        var syntax = DockerfileParser.Parse("FROM alpine\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=bind,target=/go/pkg/mod --mount=type=secret,id=nuget --mount=type=cache,target=/var/cache/apt,id=gomod true\n");
        var mounts = ReadMounts(syntax, syntax.InstructionList[1]);

        Assert.Equal(new CacheKind?[] { CacheKind.GoModules, CacheKind.GoModules, CacheKind.NuGetPackages, null }, mounts.Select(mount => mount.MeantFor()).ToArray());
        Assert.Equal(new[] { true, false, false, true }, mounts.Select(mount => mount.IsCache).ToArray());
    }

    [Fact]
    public void Values_alike_in_length_middle_and_last_characters_read_back_as_themselves()
    {
        // "/xa/b" and "/ya/b" have the same length, middle and last characters.
        var syntax = DockerfileParser.Parse("FROM alpine\nRUN --mount=type=cache,target=/xa/b,id=/ya/b --mount=type=cache,target=/ya/b,id=/xa/b true\nRUN --mount=type=cache,target=/xa/b true\n");
        var first = ReadMounts(syntax, syntax.InstructionList[1]);
        var second = ReadMounts(syntax, syntax.InstructionList[2]);

        Assert.Equal(new[] { "/xa/b", "/ya/b" }, first.Select(mount => mount.RawTarget).ToArray());
        Assert.Equal(new[] { "/ya/b", "/xa/b" }, first.Select(mount => mount.Id).ToArray());
        Assert.Equal("/xa/b", second[0].RawTarget);
    }

    [Fact]
    public void The_mounts_of_a_files_runs_are_pieces_of_one_table()
    {
        var syntax = DockerfileParser.Parse("FROM alpine\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build true\nRUN true\nRUN --mount=type=secret,id=key true\n");
        var tables = ModelTables.Rent(syntax);
        var firstCount = RunMount.Read(syntax.InstructionList[1], FirstState(), tables, out var firstStart);
        var noneCount = RunMount.Read(syntax.InstructionList[2], FirstState(), tables, out _);
        var secondCount = RunMount.Read(syntax.InstructionList[3], FirstState(), tables, out var secondStart);
        var mounts = tables.TakeMounts(0, out var end);

        // Each RUN's piece follows the one before: reading the next left it as it was.
        Assert.Equal((2, 0, 1), (firstCount, noneCount, secondCount));
        Assert.Equal((firstStart + 2, secondStart + 1), (secondStart, end));
        Assert.Equal(new[] { "/go/pkg/mod", "/root/.cache/go-build", null }, new[] { mounts[firstStart].RawTarget, mounts[firstStart + 1].RawTarget, mounts[secondStart].RawTarget });
        Assert.Equal("key", mounts[secondStart].Id);
        tables.Return();
    }

    [Fact]
    public void A_models_runs_see_their_own_mounts_as_the_table_grows_and_is_used_again()
    {
        // More mounts than the table first has room for, then a second model in the tables the first gave back.
        var text = new System.Text.StringBuilder("FROM alpine\n");
        for (var i = 0; i < 50; i++)
        {
            text.Append(i % 5 == 0 ? "RUN true\n" : $"RUN --mount=type=cache,target=/c{i} --mount=type=secret,id=s{i} true\n");
        }

        for (var pass = 0; pass < 2; pass++)
        {
            var model = BuildModel.Create(DockerfileParser.Parse(text.ToString()), default);
            var facts = model.Instructions;
            for (var i = 0; i < model.RunIndexes.Count; i++)
            {
                var mounts = facts[model.RunIndexes[i]].Mounts.AsSpan();
                Assert.Equal(i % 5 == 0 ? 0 : 2, mounts.Length);
                if (mounts.Length > 0)
                {
                    Assert.Equal($"/c{i}", mounts[0].RawTarget);
                    Assert.Equal($"s{i}", mounts[1].Id);
                }
            }

            model.Release();
        }
    }

    // The mounts of `run`, a RUN of `syntax`, read into tables of their own.
    private static RunMount[] ReadMounts(DockerfileSyntax syntax, Instruction run)
    {
        var tables = ModelTables.Rent(syntax);
        var count = RunMount.Read(run, FirstState(), tables, out var start);
        return tables.TakeMounts(0, out _).AsSpan(start, count).ToArray();
    }

    private static StageState FirstState()
    {
        var state = default(StageState);
        state.Start(null, 0, '\\', BaseImageKind.Other, false);
        return state;
    }
}

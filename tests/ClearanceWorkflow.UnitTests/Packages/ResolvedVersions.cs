using System.Text.Json;
using NuGet.Versioning;

namespace ClearanceWorkflow.UnitTests.Packages;

/// <summary>
/// Finds packages resolved lower than another package asks for. With central transitive pinning a pin
/// below a dependency's minimum wins silently (no NU1605); restore writes the result to
/// <c>obj/project.assets.json</c>, which this reads.
/// </summary>
public static class ResolvedVersions
{
    /// <summary>One line per dependency whose resolved version is below the lower bound a package asks for.</summary>
    public static IReadOnlyList<string> Downgrades(JsonElement assets)
    {
        var found = new List<string>();
        foreach (var target in assets.GetProperty("targets").EnumerateObject())
        {
            var resolved = new Dictionary<string, NuGetVersion>(StringComparer.OrdinalIgnoreCase);
            foreach (var library in target.Value.EnumerateObject())
            {
                var (name, version) = Split(library.Name);
                resolved[name] = version;
            }

            foreach (var library in target.Value.EnumerateObject())
            {
                if (!library.Value.TryGetProperty("dependencies", out var dependencies))
                {
                    continue;
                }

                foreach (var dependency in dependencies.EnumerateObject())
                {
                    var range = VersionRange.Parse(dependency.Value.GetString()!);
                    // A dependency the SDK pruned (the shared framework provides it) is not in the target.
                    if (range.MinVersion is not { } min || !resolved.TryGetValue(dependency.Name, out var actual))
                    {
                        continue;
                    }

                    if (actual < min || (actual == min && !range.IsMinInclusive))
                    {
                        found.Add($"{target.Name}: {library.Name} asks for {dependency.Name} {range.PrettyPrint()}, but {actual} is resolved");
                    }
                }
            }
        }

        return found;
    }

    private static (string Name, NuGetVersion Version) Split(string library)
    {
        var slash = library.LastIndexOf('/');
        return (library[..slash], NuGetVersion.Parse(library[(slash + 1)..]));
    }
}

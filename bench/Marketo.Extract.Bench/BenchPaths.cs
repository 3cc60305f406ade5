namespace Marketo.Extract.Bench;

/// <summary>Finds the repository, the shared benchmark scripts beside it, and the folder for generated data.</summary>
internal static class BenchPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// Gets the folder of <c>gen_leads_csv.py</c> and <c>py_baseline.py</c>: <c>shared/bench</c> in the repository
    /// root or in any folder above it, or the folder named by the <c>MARKETO_BENCH_SCRIPTS</c> variable.
    /// </summary>
    public static string FindScripts()
    {
        var configured = Environment.GetEnvironmentVariable("MARKETO_BENCH_SCRIPTS");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "gen_leads_csv.py"))
                ? configured
                : throw new FileNotFoundException($"MARKETO_BENCH_SCRIPTS is '{configured}', which has no gen_leads_csv.py.");
        }

        for (var folder = new DirectoryInfo(RepositoryRoot); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "bench");
            if (File.Exists(Path.Combine(candidate, "gen_leads_csv.py")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"No shared/bench/gen_leads_csv.py was found in {RepositoryRoot} or a folder above it; the lead export and "
            + "the Python baseline need it. Set MARKETO_BENCH_SCRIPTS to the folder that has it, or measure only "
            + "the activity export with --export activities --skip-python.");
    }

    public static string DataFolder(BenchArguments arguments)
    {
        var folder = arguments.GetString("data") ?? Path.Combine(RepositoryRoot, "artifacts", "bench");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Directory.Packages.props")))
                {
                    return folder.FullName;
                }
            }
        }

        return Environment.CurrentDirectory;
    }
}

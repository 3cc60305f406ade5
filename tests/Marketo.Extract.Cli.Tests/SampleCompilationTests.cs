using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Marketo.Extract.Cli.Tests;

/// <summary>
/// Compiles the C# of the LINQPad script and the notebook against the library, so the samples cannot rot. The
/// LINQPad and .NET Interactive calls (<c>Dump</c>, <c>Chart</c>, <c>display</c>, <c>HTML</c>) compile against
/// small shims with their signatures; <c>#r</c> and <c>#!</c> directives are removed.
/// </summary>
public sealed partial class SampleCompilationTests
{
    private const string LinqPadShim = """
        static class LinqPadExtensions
        {
            public static T Dump<T>(this T value, string? description = null) => value;

            public static LinqPadChart<T> Chart<T>(
                this IEnumerable<T> elements, Func<T, object> xFunc, Func<T, object>? yFunc = null,
                Util.SeriesType seriesType = Util.SeriesType.Column) => new();
        }

        sealed class LinqPadChart<T>
        {
            public LinqPadChart<T> AddYSeries(Func<T, object> yFunc, Util.SeriesType seriesType = Util.SeriesType.Column, string? name = null) => this;

            public object Dump(string? description = null) => this;
        }

        static class Util
        {
            public enum SeriesType { Column, StackedColumn, Line, Bar }
        }
        """;

    private const string NotebookShim = """
        static object display(object value) => value;
        static string HTML(string html) => html;
        """;

    [Test]
    public void LinqPadScript_Compiles()
    {
        var document = File.ReadAllText(SamplePath("linqpad", "ActivitiesPerDay.linq"));
        var headerEnd = document.IndexOf("</Query>", StringComparison.Ordinal) + "</Query>".Length;
        var header = XElement.Parse(document[..headerEnd]);
        var usings = header.Elements("Namespace").Select(element => $"using {element.Value};");
        var source = string.Join('\n', ImplicitUsings.Concat(usings)) +
            "\npartial class UserQuery\n{\n" + document[headerEnd..] + "\n}\n" + LinqPadShim;

        var diagnostics = Compile(CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)), OutputKind.DynamicallyLinkedLibrary);

        Assert.That(diagnostics, Is.Empty);
    }

    [Test]
    public void Notebook_CodeCellsCompile()
    {
        using var notebook = JsonDocument.Parse(File.ReadAllText(SamplePath("notebooks", "activities-per-day.ipynb")));
        var cells = notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(cell => cell.GetProperty("cell_type").GetString() == "code")
            .Select(cell => string.Concat(cell.GetProperty("source").EnumerateArray().Select(line => line.GetString())))
            .ToList();
        Assert.That(cells.Any(cell => cell.Contains("#r \"nuget: Marketo.Extract\"", StringComparison.Ordinal)), Is.True);
        var code = string.Join('\n', cells.Select(cell => Directive().Replace(cell, string.Empty)));
        var source = string.Join('\n', ImplicitUsings) + "\n" + code + "\n" + NotebookShim;

        var options = new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script);
        var diagnostics = Compile(CSharpSyntaxTree.ParseText(source, options), OutputKind.DynamicallyLinkedLibrary, script: true);

        Assert.That(diagnostics, Is.Empty);
    }

    private static readonly string[] ImplicitUsings =
    [
        "using System;", "using System.Collections.Generic;", "using System.IO;", "using System.Linq;",
        "using System.Net.Http;", "using System.Threading;", "using System.Threading.Tasks;",
    ];

    private static string SamplePath(string folder, string file) => Path.Combine(AppContext.BaseDirectory, "Samples", folder, file);

    private static List<string> Compile(SyntaxTree tree, OutputKind kind, bool script = false)
    {
        var options = new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable);
        var compilation = script
            ? CSharpCompilation.CreateScriptCompilation("Notebook", tree, References(), options)
            : CSharpCompilation.Create("LinqPadScript", [tree], References(), options);
        return [.. compilation.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(diagnostic => diagnostic.ToString())];
    }

    private static IEnumerable<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var library = new[] { "Marketo.Extract.dll", "Marketo.Extract.Testing.dll" }
            .Select(name => Path.Combine(AppContext.BaseDirectory, name));
        return platform.Concat(library)
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(path => MetadataReference.CreateFromFile(path));
    }

    [GeneratedRegex(@"^\s*#(r|!).*$", RegexOptions.Multiline)]
    private static partial Regex Directive();
}

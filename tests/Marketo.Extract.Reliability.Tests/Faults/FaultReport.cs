using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Marketo.Extract.Reliability.Tests.Faults;

/// <summary>One row of the fault table: what was injected, how the library recovered, and how the sync ended.</summary>
internal sealed record FaultReportRow(
    string Fault,
    string Injected,
    long ClientRetries,
    long JobsRecreated,
    long FileRerequests,
    string Outcome);

/// <summary>Collects the rows of every fault test and prints them as one table.</summary>
internal static class FaultReport
{
    private static readonly ConcurrentQueue<FaultReportRow> Rows = new();

    public static void Add(FaultReportRow row)
    {
        Rows.Enqueue(row);
        TestContext.Out.WriteLine(Header());
        TestContext.Out.WriteLine(Format(row));
    }

    public static string Table()
    {
        var builder = new StringBuilder();
        builder.AppendLine(Header());
        foreach (var row in Rows.OrderBy(row => row.Fault, StringComparer.Ordinal))
        {
            builder.AppendLine(Format(row));
        }

        return builder.ToString();
    }

    private static string Header() =>
        $"{"fault",-36} | {"injected",-10} | {"client retries",14} | {"jobs re-created",15} | {"file re-requests",16} | outcome";

    private static string Format(FaultReportRow row) => string.Create(
        CultureInfo.InvariantCulture,
        $"{row.Fault,-36} | {row.Injected,-10} | {row.ClientRetries,14} | {row.JobsRecreated,15} | {row.FileRerequests,16} | {row.Outcome}");
}

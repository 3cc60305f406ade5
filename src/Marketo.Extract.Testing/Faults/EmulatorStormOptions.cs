namespace Marketo.Extract.Testing;

/// <summary>The probabilities of a fault storm: random, seeded failures on every call except identity calls.</summary>
public sealed record EmulatorStormOptions
{
    /// <summary>Gets the seed of the storm's random draws.</summary>
    /// <value>The default is 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the probability that a call gets one of <see cref="ErrorCodes"/> in an HTTP 200 envelope.</summary>
    /// <value>The default is 0.05.</value>
    public double ErrorProbability { get; init; } = 0.05;

    /// <summary>Gets the error codes the storm draws from.</summary>
    /// <value>The default is the transient codes 502, 604, 606, 608, 611, 615 and 713.</value>
    public IReadOnlyList<string> ErrorCodes { get; init; } = ["502", "604", "606", "608", "611", "615", "713"];

    /// <summary>Gets the probability that a call gets HTTP 502 or 503 with no envelope.</summary>
    /// <value>The default is 0.01.</value>
    public double ServerErrorProbability { get; init; } = 0.01;

    /// <summary>Gets the probability that a call is delayed by <see cref="Delay"/>.</summary>
    /// <value>The default is 0.</value>
    public double DelayProbability { get; init; }

    /// <summary>Gets the delay of a delayed call, measured on the emulator's time provider.</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the probability that a file download is cut off part way through.</summary>
    /// <value>The default is 0.05.</value>
    public double DropConnectionProbability { get; init; } = 0.05;

    /// <summary>Gets the probability that an export job ends Failed.</summary>
    /// <value>The default is 0.05.</value>
    public double ExportFailureProbability { get; init; } = 0.05;

    /// <summary>Gets the probability that a Completed export job has no file (404).</summary>
    /// <value>The default is 0.</value>
    public double LostFileProbability { get; init; }

    internal void Validate()
    {
        foreach (var (name, value) in (ReadOnlySpan<(string, double)>)[
            (nameof(ErrorProbability), ErrorProbability), (nameof(ServerErrorProbability), ServerErrorProbability),
            (nameof(DelayProbability), DelayProbability), (nameof(DropConnectionProbability), DropConnectionProbability),
            (nameof(ExportFailureProbability), ExportFailureProbability), (nameof(LostFileProbability), LostFileProbability),
        ])
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must be between 0 and 1.");
            }
        }

        if (ErrorProbability > 0 && ErrorCodes.Count == 0)
        {
            throw new ArgumentException($"{nameof(ErrorCodes)} is empty while {nameof(ErrorProbability)} is above 0; list at least one code.", nameof(ErrorCodes));
        }
    }
}

namespace Marketo.Extract.Tests.Bulk.Fakes;

/// <summary>A progress receiver that keeps every report in order, on the reporting thread.</summary>
internal sealed class ListProgress<T> : IProgress<T>
{
    private readonly object _lock = new();
    private readonly List<T> _reports = [];

    public IReadOnlyList<T> Reports
    {
        get
        {
            lock (_lock)
            {
                return _reports.ToList();
            }
        }
    }

    public void Report(T value)
    {
        lock (_lock)
        {
            _reports.Add(value);
        }
    }
}

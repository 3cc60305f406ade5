using System.Globalization;
using System.Text.Json;
using Marketo.Extract.Testing.Internal.Api;

namespace Marketo.Extract.Testing.Internal.Bulk;

/// <summary>Serves the bulk export endpoints of leads and activities.</summary>
internal sealed class BulkHandlers
{
    private readonly ExportEngine _engine;
    private readonly EmulatedDataset _dataset;
    private readonly MarketoEmulatorOptions _options;

    public BulkHandlers(ExportEngine engine, EmulatedDataset dataset, MarketoEmulatorOptions options)
    {
        _engine = engine;
        _dataset = dataset;
        _options = options;
    }

    public ApiResponse Handle(ApiRequest request)
    {
        var kind = request.Endpoint.StartsWith("/bulk/v1/leads/", StringComparison.Ordinal) ? ExportKind.Leads : ExportKind.Activities;
        var owner = request.Client!;
        string id = request.Route.ExportId ?? "";
        return request.Endpoint switch
        {
            EmulatorEndpoints.LeadExportCreate or EmulatorEndpoints.ActivityExportCreate => Create(request, kind),
            EmulatorEndpoints.LeadExportList or EmulatorEndpoints.ActivityExportList => List(request, kind),
            EmulatorEndpoints.LeadExportFile or EmulatorEndpoints.ActivityExportFile => File(request, kind),
            EmulatorEndpoints.LeadExportEnqueue or EmulatorEndpoints.ActivityExportEnqueue =>
                JobResponse(request, _engine.Enqueue(owner, kind, id, request.Now)),
            EmulatorEndpoints.LeadExportCancel or EmulatorEndpoints.ActivityExportCancel =>
                JobResponse(request, _engine.Cancel(owner, kind, id, request.Now)),
            _ => JobResponse(request, _engine.Status(owner, kind, id, request.Now)),
        };
    }

    private ApiResponse Create(ApiRequest request, ExportKind kind)
    {
        string? contentType = request.Http.Request.ContentType;
        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return ApiResponse.Error(request.RequestId, "612", "Invalid Content Type; send the export request as application/json");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Body);
        }
        catch (JsonException)
        {
            return ApiResponse.Error(request.RequestId, "609");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ApiResponse.Error(request.RequestId, "609");
            }

            if (!ApiJson.HasValidText(document.RootElement))
            {
                return ApiResponse.Error(request.RequestId, "609",
                    "Invalid JSON: a string or property name holds invalid UTF-8 or an unpaired surrogate escape");
            }

            var parser = new ExportRequestParser(_options.SupportsUpdatedAtFilter, _dataset.State);
            var (definition, code, message) = parser.Parse(kind, document.RootElement);
            return definition is null
                ? ApiResponse.Error(request.RequestId, code!, message)
                : JobResponse(request, _engine.Create(request.Client!, definition, request.Now));
        }
    }

    private ApiResponse List(ApiRequest request, ExportKind kind)
    {
        HashSet<ExportState>? states = null;
        if (request.Parameter("status") is { Length: > 0 } statusText)
        {
            states = [];
            foreach (string name in statusText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // Marketo's prose spells Canceled, its JSON Cancelled; both select cancelled jobs.
                string normalized = name.Equals("canceled", StringComparison.OrdinalIgnoreCase) ? "Cancelled" : name;
                if (!Enum.TryParse<ExportState>(normalized, ignoreCase: true, out var state) || int.TryParse(name, out _))
                {
                    return ApiResponse.Error(request.RequestId, "1003",
                        $"Invalid status '{name}'; use Created, Queued, Processing, Cancelled, Completed or Failed");
                }

                states.Add(state);
            }
        }

        var jobs = _engine.List(request.Client!, kind, states, request.Now);
        return PositionPaging.Page(request, jobs, j => j);
    }

    private ApiResponse File(ApiRequest request, ExportKind kind)
    {
        if (_engine.File(request.Client!, kind, request.Route.ExportId ?? "", request.Now) is not var (bytes, contentType))
        {
            return ApiResponse.Text(404, "The export file is not available: the job is unknown, not Completed, or its file has expired.");
        }

        var (outcome, first, last) = RangeHeader.Resolve(request.Http.Request.Headers.Range, bytes.Length);
        if (outcome == RangeOutcome.WholeFile)
        {
            return FileResponse(200, contentType, bytes, new Dictionary<string, string> { ["Accept-Ranges"] = "bytes" });
        }

        if (outcome == RangeOutcome.Unsatisfiable)
        {
            var unsatisfiable = ApiResponse.Text(416, "Requested range not satisfiable");
            return new ApiResponse
            {
                StatusCode = 416,
                ContentType = unsatisfiable.ContentType,
                Body = unsatisfiable.Body,
                Headers = new Dictionary<string, string> { ["Content-Range"] = $"bytes */{bytes.Length}", ["Accept-Ranges"] = "bytes" },
            };
        }

        var slice = bytes.AsSpan((int)first, (int)(last - first + 1)).ToArray();
        return FileResponse(206, contentType, slice, new Dictionary<string, string>
        {
            ["Accept-Ranges"] = "bytes",
            ["Content-Range"] = string.Create(CultureInfo.InvariantCulture, $"bytes {first}-{last}/{bytes.Length}"),
        });
    }

    private static ApiResponse FileResponse(int status, string contentType, byte[] body, Dictionary<string, string> headers) =>
        new() { StatusCode = status, ContentType = contentType, Body = body, Headers = headers, IsExportFile = true };

    private static ApiResponse JobResponse(ApiRequest request, ExportOutcome outcome)
    {
        if (outcome.Job is null)
        {
            return ApiResponse.Error(request.RequestId, outcome.ErrorCode!, outcome.ErrorMessage);
        }

        return ApiResponse.Success(request.RequestId, [outcome.Job]);
    }
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AiPlusTasks.Host.Contract;

/// <summary>
/// Examples of the main request and response bodies, by operation id, so an integrator sees a real body beside each
/// schema. <c>OpenApiContractTests</c> fails when an operation named here is gone (redocly lints each example against
/// its schema).
/// </summary>
internal sealed class BodyExamples : IOpenApiOperationTransformer
{
    /// <summary>Request examples: operation id → example name → body.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Requests = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["IssueToken"] = One("signIn", """{"username": "guangdong.staff", "password": "<password>"}"""),
        ["ReportProgress"] = new Dictionary<string, string>
        {
            ["interimReport"] = """
                {"done": "完成省级人工智能+制造试点遴选，12家企业入选", "next": "组织入选企业对接算力平台", "problems": "部分地市配套资金未到位",
                 "supportNeeded": "请协调算力券额度", "progressPercent": 60, "indicatorActuals": [{"code": "pilot-firms", "value": 12}],
                 "selfColour": "Yellow", "confidence": 7,
                 "evidence": [{"fileName": "遴选结果.pdf", "contentType": "application/pdf", "contentBase64": "JVBERi0xLjcKJeLjz9MK"}]}
                """,
            ["submitWithReport"] = """
                {"done": "试点全部落地", "next": "总结推广", "problems": "", "supportNeeded": "", "progressPercent": 100,
                 "indicatorActuals": [], "selfColour": "Green", "confidence": 9, "evidence": [], "submit": true}
                """,
        },
        ["CompleteTask"] = new Dictionary<string, string>
        {
            ["submit"] = """{"outcome": "Submitted", "data": {"summary": "已完成年度任务"}}""",
            ["reviewApprove"] = """{"outcome": "Approved", "data": {"comment": "材料齐全，同意"}}""",
            ["reviewReturn"] = """{"outcome": "Returned", "data": {"comment": "请补充第三季度指标佐证材料"}}""",
            ["submitBeforeCoUnits"] = """{"outcome": "Submitted", "data": {}, "coUnitOverride": {"reason": "协办单位材料已线下报送，时限紧急先行提交"}}""",
        },
        ["StartInstance"] = One("start", """{"definitionId": "hello-world", "input": {"who": "广东省"}, "correlationId": "guangdong-2026-q4", "version": null}"""),
        ["ImportDefinition"] = One("helloWorld", """
            {"id": "hello-world-v2", "definitionId": "hello-world", "name": "你好，世界", "version": 2, "isLatest": true, "isPublished": false,
             "variables": [], "inputs": [], "outputs": [],
             "root": {"id": "flowchart1", "type": "Elsa.Flowchart", "version": 1,
               "activities": [
                 {"id": "start1", "type": "Elsa.Start", "version": 1, "name": "开始", "metadata": {"designer": {"position": {"x": 0, "y": 0}}}},
                 {"id": "end1", "type": "Elsa.End", "version": 1, "name": "结束", "metadata": {"designer": {"position": {"x": 240, "y": 0}}}}],
               "connections": [{"source": {"activity": "start1", "port": "Done"}, "target": {"activity": "end1", "port": "In"}}]}}
            """),
        ["RollPlan"] = One("nextQuarter", """{"period": "2027-Q1"}"""),
        ["RaiseEvent"] = One("callback", """{"correlationId": "guangdong-2026-q4", "payload": {"accepted": true}}"""),
        ["CreateWebhookSubscription"] = One("taskEvents", """
            {"url": "https://oa.gd.gov.cn/aiplus/webhooks", "eventTypes": ["task.created", "task.completed", "task.returned"], "description": "广东省政务办公平台"}
            """),
        ["CreateApiKey"] = One("provinceSystem", """{"name": "gd-oa", "agency": "guangdong"}"""),
    };

    /// <summary>Response examples of the first success status: operation id → body.</summary>
    public static readonly IReadOnlyDictionary<string, string> Responses = new Dictionary<string, string>
    {
        ["IssueToken"] = """{"tokenType": "Bearer", "accessToken": "CfDJ8…", "expiresIn": 900, "refreshToken": "CfDJ8…"}""",
        ["CreateApiKey"] = """
            {"apiKey": {"id": "k-01HZX3", "agencyCode": "guangdong", "name": "gd-oa", "prefix": "apt_Zq3", "createdBy": "guangdong.lead",
              "createdAt": "2026-12-15T08:00:00+00:00", "revokedBy": null, "revokedAt": null, "lastUsedAt": null},
             "key": "apt_Zq3…"}
            """,
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is not { } id)
        {
            return Task.CompletedTask;
        }

        if (Requests.TryGetValue(id, out var requests) && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true && body is OpenApiMediaType requestMedia)
        {
            requestMedia.Examples = requests.ToDictionary(e => e.Key, e => (IOpenApiExample)new OpenApiExample { Value = JsonNode.Parse(e.Value) });
        }

        if (Responses.TryGetValue(id, out var response)
            && operation.Responses?.FirstOrDefault(r => r.Key.StartsWith('2')).Value?.Content?.TryGetValue("application/json", out var media) == true
            && media is OpenApiMediaType responseMedia)
        {
            responseMedia.Example = JsonNode.Parse(response);
        }

        return Task.CompletedTask;
    }

    private static Dictionary<string, string> One(string name, string body) => new() { [name] = body };
}

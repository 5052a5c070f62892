"""pg_trgm and the GIN search indexes (PostgreSQL only), and the seeded category tree."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CATEGORIES = [
    # code, name, basis, parent code
    ("org_info", "机构信息", "第二十条第（二）项", None),
    ("normative_documents", "法规文件", "第二十条第（一）项", None),
    ("plans", "规划计划", "第二十条第（三）项", None),
    ("statistics", "统计信息", "第二十条第（四）项", None),
    ("licensing", "行政许可和服务事项", "第二十条第（五）项", None),
    ("enforcement", "行政执法", "第二十条第（六）项", None),
    ("finance", "财政信息", "第二十条第（七）项", None),
    ("fees", "行政事业性收费", "第二十条第（八）项", None),
    ("procurement", "政府集中采购", "第二十条第（九）项", None),
    ("major_projects", "重大建设项目", "第二十条第（十）项", None),
    ("livelihood", "扶贫、教育、医疗、社会保障、促进就业", "第二十条第（十一）项", None),
    ("emergency", "突发公共事件应对", "第二十条第（十二）项", None),
    ("supervision", "监督检查", "第二十条第（十三）项", None),
    ("recruitment", "人事信息", "第二十条第（十四）项", None),
    ("other_statutory", "其他法定主动公开信息", "第二十条第（十五）项", None),
    ("township", "乡镇重点领域信息", "第二十一条", None),
    ("agriculture_policy", "贯彻落实农业农村政策", "第二十一条", "township"),
    ("water_conservancy", "农田水利工程建设运营", "第二十一条", "township"),
    ("land_transfer", "农村土地承包经营权流转", "第二十一条", "township"),
    ("homestead", "宅基地使用情况审核", "第二十一条", "township"),
    ("land_expropriation", "土地征收", "第二十一条", "township"),
    ("housing_expropriation", "房屋征收", "第二十一条", "township"),
    ("fundraising_labour", "筹资筹劳", "第二十一条", "township"),
    ("social_assistance", "社会救助", "第二十一条", "township"),
    ("decisions", "重大决策", "第二十条第（三）项", None),
    ("policy_interpretation", "政策解读", "", None),
    ("annual_reports", "年度报告", "第四十九条", None),
]


def seed_categories(apps, schema_editor):
    Category = apps.get_model("disclosure", "Category")
    by_code = {}
    for order, (code, name, basis, parent) in enumerate(CATEGORIES, start=1):
        by_code[code], _created = Category.objects.get_or_create(
            code=code, defaults={"name": name, "basis": basis, "order": order * 10,
                                 "parent": by_code.get(parent)})


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS disclosure_item_search_gin "
        "ON disclosure_item USING gin (search_vector)")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS disclosure_item_text_trgm "
        "ON disclosure_item USING gin (search_text gin_trgm_ops)")


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS disclosure_item_search_gin")
    schema_editor.execute("DROP INDEX IF EXISTS disclosure_item_text_trgm")


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_search_indexes, drop_search_indexes),
        migrations.RunPython(seed_categories, migrations.RunPython.noop),
    ]

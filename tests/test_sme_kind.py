"""A support for one kind of SME is not the answer for an asker who names another kind and not that one."""

from __future__ import annotations

from app.asking import Ask, ask
from retrieval.engine import SearchEngine


def test_a_firm_in_a_cluster_asking_a_trade_fair_gets_the_clusters_support(shipped_engine: SearchEngine) -> None:
    # Decree 80 Art. 22(6)(d) (start-ups, 30 million) and Art. 25(3)(đ) (clusters and chains, 50 million) have the
    # same words; the asker's kind tells them apart.
    question = "DN nhỏ của mình cung ứng bao bì cho một doanh nghiệp đầu chuỗi, sắp đi hội chợ ở Hàn Quốc, "
    cluster = ask(shipped_engine, Ask(question + "chi phí gian hàng được hỗ trợ bao nhiêu?"))
    assert cluster.results[0].citation.startswith("Điểm đ Khoản 3 Điều 25"), cluster.results[0].citation
    assert not cluster.answered, "unsure: the other kind's article may not have the support asked"
    supplier = ask(shipped_engine, Ask("cty mình cung ứng phần mềm cho dn khác, là startup thì được hỗ trợ gì"))
    assert "Điều 25 " not in supplier.results[0].citation, "a software supplier names no value chain"
    startup = ask(shipped_engine, Ask("Startup của mình đi hội chợ ở Nhật được hỗ trợ tối đa bao nhiêu?"))
    assert startup.results[0].citation.startswith("Điểm d Khoản 6 Điều 22")

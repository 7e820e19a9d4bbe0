// Kế hoạch 457/KH-UBND (08/5/2024) and its appendix, transcribed from ../shared/seed.
// Wording, spelling (including the plan's own typos such as "bảo tổn", "hoàn hiện", "kỹ thuât")
// and cell punctuation are kept exactly as the signed document has them: officers compare the bot
// against the paper, so "fixing" the text would make it look wrong to them.
// Agency cells are kept twice: `lead`/`coordinating` are the cell's lines as printed, and
// `leadAgencies`/`coordinatingAgencies` are the registry codes those lines name.
import type { PlanSeed } from './plan-schema.js';

const COORD_LQ_HUYEN = ['- Các Sở, ngành liên quan;', '- UBND các huyện, thị xã, thành phố;'];
const COORD_LQ_HUYEN_KHCN = [...COORD_LQ_HUYEN, '- Các tổ chức khoa học và công nghệ.'];
const COORD_LQ_HUYEN_CTXH_KHCN = [...COORD_LQ_HUYEN, '- Tổ chức chính trị, xã hội.', '- Các tổ chức khoa học và công nghệ.'];
const COORD_LQ_HUYEN_CTXH = [...COORD_LQ_HUYEN, '- Tổ chức chính trị, xã hội.'];

const AFTER_PM_ANNUAL = 'Trình UBND tỉnh ban hành sau khi Thủ tướng Chính phủ ban hành; thực hiện hàng năm';
const SKHCN_LEAD = ['Sở Khoa học và Công nghệ'];
const SIX_SO_LEAD_AGENCIES = ['SNNPTNT', 'STNMT', 'SCT', 'SYT', 'SGDDT', 'SLDTBXH', 'SKHCN'];

// Row III.1 is a heading; its five sub-rows share the merged coordinating and timeline cells.
const III_1_COORD = COORD_LQ_HUYEN_CTXH_KHCN;
const III_1_TIMELINE =
  'Trình UBND tỉnh ban hành sau khi Thủ tướng Chính phủ ban hành các đề án cấp quốc gia và tổ chức triển khai hàng năm';

export const PLAN: PlanSeed = {
  identity: {
    number: '457/KH-UBND',
    issuedOn: '2024-05-08',
    issuer: 'Ủy ban nhân dân tỉnh An Giang',
    signer: 'Lê Văn Phước',
    signerTitle: 'Phó Chủ tịch UBND tỉnh',
    title:
      'Kế hoạch triển khai thực hiện Chương trình hành động số 24-CTr/TU ngày 28/11/2023 của Ban Chấp hành Đảng bộ tỉnh về thực hiện Nghị quyết số 36-NQ/TW ngày 30/01/2023 của Bộ Chính trị về phát triển và ứng dụng công nghệ sinh học phục vụ phát triển bền vững đất nước trong tình hình mới',
    implements: [
      'Nghị quyết số 36-NQ/TW ngày 30/01/2023 của Bộ Chính trị',
      'Nghị quyết số 189/NQ-CP ngày 16/11/2023 của Chính phủ',
      'Chương trình hành động số 24-CTr/TU ngày 28/11/2023 của Ban Chấp hành Đảng bộ tỉnh',
    ],
    purpose:
      'Thống nhất trong công tác chỉ đạo các cấp, các ngành tổ chức triển khai quyết liệt, hiệu quả tạo sự chuyển biến rõ rệt về nhận thức và hành động của cán bộ, công chức, viên chức trên toàn tỉnh về tầm quan trọng của việc triển khai Nghị quyết số 36-NQ/TW, Nghị quyết số 189/NQ-CP và Chương trình hành động số 24-CTr/TU.',
    reportingRule:
      'Định kỳ hàng năm (trước ngày 10 tháng 12) báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ để tổng hợp báo cáo Tỉnh ủy, Ủy ban nhân dân tỉnh.',
    reportDueDay: 10,
    reportDueMonth: 12,
    coordinatorAgency: 'SKHCN',
    targets2030: [
      'Có nền công nghiệp sinh học đạt trình độ tiên tiến trên lĩnh vực nông nghiệp, công nghiệp, y dược, thực phẩm, môi trường,… Công nghiệp sinh học trở thành ngành kinh tế - kỹ thuật quan trọng; các tổ chức công nghiệp sinh học tăng 50% về quy mô đầu tư và quy mô tăng trưởng, sản xuất ít nhất 50% sản phẩm công nghệ sinh học hiện có; phấn đấu công nghiệp sinh học đóng góp 7% vào GRDP của tỉnh, bảo đảm nhu cầu thiết yếu của xã hội trong tình hình mới.',
      'Công nghệ sinh học được ứng dụng trong lĩnh vực có thế mạnh của tỉnh về giống cây trồng, vật nuôi, thủy sản và dược liệu…; có các doanh nghiệp chủ lực đầu tư ứng dụng công nghệ sinh học vào sản xuất với quy mô công nghiệp đáp ứng nhu cầu thị trường trong nước và xuất khẩu.',
      'Trung tâm Công nghệ sinh học tỉnh An Giang làm chủ công nghệ sản xuất các nhóm sản phẩm chủ lực của tỉnh như: nhân giống rau, hoa, dược liệu. Hình thành mạng lưới cung cấp giống rau, hoa, dược liệu tại một số vùng quy hoạch phát triển rau, hoa, dược liệu của tỉnh.',
    ],
    targets2045: [
      'Tỉnh làm chủ được một số công nghệ sinh học thế hệ mới, tạo ra các sản phẩm ở quy mô công nghiệp, ứng dụng vào thực tiễn sản xuất; tạo ra được một số giống cây trồng, vật nuôi mang tính trạng tốt, kháng bệnh, thích ứng với biến đổi khí hậu, có năng suất, chất lượng cao.',
      'Nâng cao năng lực nghiên cứu, tiếp nhận, ứng dụng, chuyển giao công nghệ tiên tiến, tiếp cận nền tảng công nghệ hiện đại thế giới, có khả năng ứng dụng sản xuất quy mô công nghiệp, thúc đẩy ngành công nghiệp sinh học tạo động lực đột phá, huy động nguồn lực phát triển tăng tối thiểu 50% các doanh nghiệp công nghiệp sinh học trong lĩnh vực nông nghiệp, công nghiệp, y dược, thực phẩm, bảo vệ môi trường đáp ứng nhu cầu của nền kinh tế; phấn đấu đóng góp khoảng 10% GRDP từ công nghiệp sinh học.',
      'Cung cấp các giải pháp chính sách, kỹ thuật sản xuất tiên tiến mang tầm quốc tế trong nghiên cứu hoàn thiện sản phẩm, mẫu mã công nghiệp, sản xuất và kinh doanh, hình thành hệ thống các doanh nghiệp công nghiệp sinh học theo chuỗi giá trị, bền vững, tuần hoàn, thân thiện với môi trường, thích ứng với biến đổi khí hậu trên nền tảng công nghệ của cuộc cách mạng công nghiệp lần thứ tư.',
      'Phấn đấu đưa Trung tâm công nghệ sinh học tỉnh An Giang trở thành đơn vị làm chủ công nghệ sản xuất giống rau, hoa, dược liệu của Tỉnh, hình thành mạng lưới cung cấp giống rau, hoa, dược liệu tại một số vùng phát triển rau màu, dược liệu trọng điểm của vùng Đồng bằng sông Cửu Long.',
    ],
  },
  sections: [
    { code: 'I', order: 1, title: 'Thống nhất nhận thức về phát triển và ứng dụng công nghệ sinh học trong tình hình mới' },
    {
      code: 'II',
      order: 2,
      title: 'Tổ chức thực hiện có hiệu quả các cơ chế, chính sách, pháp luật liên quan đến phát triển và ứng dụng công nghệ sinh học',
    },
    {
      code: 'III',
      order: 3,
      title: 'Tập trung phát triển, ứng dụng hiệu quả công nghệ sinh học trong sản xuất và đời sống; xây dựng nền công nghiệp sinh học của tỉnh',
    },
    {
      code: 'IV',
      order: 4,
      title:
        'Xây dựng nguồn nhân lực công nghệ sinh học, tăng cường đầu tư cơ sở vật chất đáp ứng yêu cầu nghiên cứu, phát triển và ứng dụng công nghệ sinh học',
    },
    { code: 'V', order: 5, title: 'Đẩy mạnh hợp tác quốc tế về công nghệ sinh học' },
  ],
  headings: [
    {
      code: 'III.1',
      section: 'III',
      content:
        'Xây dựng, tổ chức thực hiện các Kế hoạch/đề án phát triển công nghệ sinh học thành kinh tế - kỹ thuật quan trọng phục vụ phát triển kinh tế - xã hội của tỉnh, cụ thể trong từng lĩnh vực.',
    },
  ],
  tasks: [
    {
      code: 'I.1',
      content:
        'Phổ biến, quán triệt, nâng cao nhận thức về phát triển và ứng dụng công nghệ sinh học phục vụ phát triển bền vững đất nước trong tình hình mới theo Nghị quyết số 36-NQ/TW, Nghị quyết số 189/NQ-CP và Chương trình 24-CTr/TU; tạo sự thống nhất trong nhận thức cho cán bộ, công chức viên chức, người lao động và nhân dân.',
      lead: ['- Các Sở, ban, ngành;', '- UBND huyện, thị xã, thành phố.'],
      leadAgencies: ['SBN', 'UBND_HUYEN'],
      coordinating: ['Các tổ chức, đơn vị liên quan'],
      coordinatingAgencies: ['TCDVLQ'],
      timeline: 'Thường xuyên',
    },
    {
      code: 'I.2',
      content:
        'Đổi mới, nâng cao chất lượng, hiệu quả công tác thông tin, tuyên truyền, phổ biến nội dung Nghị quyết số 36-NQ/TW, Nghị quyết số 189/NQ-CP và Chương trình 24-CTr/TU.',
      lead: ['Sở Thông tin và Truyền thông'],
      leadAgencies: ['STTTT'],
      coordinating: [
        '- Các Sở, ban, ngành;',
        '- Đài PT-TH; Báo An Giang;',
        '- UBND các huyện, thị xã, thành phố;',
        '- Tổ chức chính trị, xã hội.',
      ],
      coordinatingAgencies: ['SBN', 'DPTTH', 'BAG', 'UBND_HUYEN', 'TCCTXH'],
      timeline: 'Hàng năm',
    },
    {
      code: 'I.3',
      content: 'Tuyên truyền, phổ biến các kết quả phát triển và ứng dụng về công nghệ sinh học phục vụ sản xuất và đời sống',
      lead: SKHCN_LEAD,
      leadAgencies: ['SKHCN'],
      coordinating: ['- Các Sở, ban, ngành;', '- UBND huyện, thị xã, thành phố;', '- Đài PT-TH; Báo An Giang;'],
      coordinatingAgencies: ['SBN', 'UBND_HUYEN', 'DPTTH', 'BAG'],
      timeline: 'Hàng năm',
    },
    {
      code: 'I.4',
      content:
        'Tuyên truyền các tập thể, cá nhân điển hình trong nghiên cứu, phát triển, ứng dụng công nghệ sinh học; kịp thời tổ chức khen thưởng, tôn vinh các doanh nghiệp, tổ chức, cá nhân hoạt động hiệu quả',
      lead: ['- Sở Khoa học và Công nghệ;', '- Liên hiệp các Hội khoa học kỹ thuật tỉnh.'],
      leadAgencies: ['SKHCN', 'LHHKHKT'],
      coordinating: [
        '- Các Sở, ban, ngành;',
        '- Đài PT-TH; Báo An Giang;',
        '- UBND các huyện, thị xã, thành phố.',
        '- Tổ chức chính trị, xã hội',
      ],
      coordinatingAgencies: ['SBN', 'DPTTH', 'BAG', 'UBND_HUYEN', 'TCCTXH'],
      timeline: 'Hàng năm',
    },
    {
      code: 'II.1',
      content:
        'Rà soát, bổ sung hoặc ban hành mới cơ chế, chính sách về phát triển và ứng dụng công nghệ sinh học trong từng ngành, lĩnh vực; Khuyến khích các tổ chức, cá nhân thuộc các thành phần kinh tế tham gia nghiên cứu, ứng dụng và đầu tư phát triển, ứng dụng công nghệ sinh học, sản xuất các sản phẩm công nghệ sinh học có giá trị cao trong các lĩnh vực nông nghiệp, công nghiệp, y dược, môi trường',
      lead: [
        'Các sở : Nông nghiệp và Phát triển nông thôn; Tài nguyên và Môi trường; Công thương; Y tế; Giáo dục và Đào tạo; Lao động - Thương binh và Xã hội; Khoa học và Công nghệ',
      ],
      leadAgencies: SIX_SO_LEAD_AGENCIES,
      coordinating: COORD_LQ_HUYEN_KHCN,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCKHCN'],
      timeline: 'Hàng năm',
    },
    {
      code: 'II.2',
      content:
        'Xây dựng cơ chế, chính sách vượt trội và các mô hình thí điểm áp dụng các cơ chế, chính sách mới về khoa học và công nghệ để tạo đột phá phát triển và ứng dụng công nghệ sinh học phục vụ trong một số lĩnh vực có tiềm năng, lợi thế của tỉnh',
      lead: SKHCN_LEAD,
      leadAgencies: ['SKHCN'],
      coordinating: [...COORD_LQ_HUYEN, '- Các đơn vị liên quan.'],
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCDVLQ'],
      timeline: 'Hàng năm và giai đoạn',
    },
    {
      code: 'II.3',
      content: 'Khuyến khích xuất khẩu sản phẩm công nghệ sinh học',
      lead: ['Sở Công Thương'],
      leadAgencies: ['SCT'],
      coordinating: COORD_LQ_HUYEN,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN'],
      timeline: 'Hàng năm',
    },
    {
      code: 'II.4',
      content:
        'Ưu tiên đào tạo, sử dụng nguồn nhân lực công nghệ sinh học, khuyến khích đầu tư, nghiên cứu và ứng dụng công nghệ sinh học đối với vùng kinh tế - xã hội còn nhiều khó khăn, vùng sâu, vùng xa',
      lead: SKHCN_LEAD,
      leadAgencies: ['SKHCN'],
      coordinating: COORD_LQ_HUYEN,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN'],
      timeline: 'Hàng năm',
    },
    {
      code: 'II.5',
      content:
        'Rà soát, đánh giá tình hình triển khai thực hiện các cơ chế, chính sách, kế hoạch về phát triển và ứng dụng công nghệ sinh học trong các lĩnh vực nông nghiệp, công nghiệp, y dược, môi trường,... ; tham mưu điều chỉnh kịp thời đảm bảo phù hợp điều kiện, định hướng phát triển của tỉnh',
      lead: [
        'Các sở : Nông nghiệp và Phát triển nông thôn; Tài nguyên và Môi trường; Công Thương; Y tế; Giáo dục và Đào tạo; Lao động - Thương binh và Xã hội; Khoa học và Công nghệ',
      ],
      leadAgencies: SIX_SO_LEAD_AGENCIES,
      coordinating: COORD_LQ_HUYEN_KHCN,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCKHCN'],
      timeline: 'Hàng năm',
    },
    {
      code: 'II.6',
      content:
        'Tham gia triển khai, ứng dụng các chương trình khoa học và công nghệ trọng điểm cấp quốc gia về nghiên cứu, phát triển và ứng dụng công nghệ sinh học trên địa bàn tỉnh',
      lead: SKHCN_LEAD,
      leadAgencies: ['SKHCN'],
      coordinating: COORD_LQ_HUYEN_KHCN,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCKHCN'],
      timeline: 'Hàng năm',
    },
    {
      code: 'II.7',
      content:
        'Xây dựng, hoàn hiện hệ thống tiêu chuẩn, quy chuẩn kỹ thuật địa phương về sản phẩm công nghệ sinh học và công nghiệp sinh học',
      lead: SKHCN_LEAD,
      leadAgencies: ['SKHCN'],
      coordinating: COORD_LQ_HUYEN_KHCN,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCKHCN'],
      timeline: AFTER_PM_ANNUAL,
    },
    {
      code: 'II.8',
      content:
        'Xây dựng Đề án/ kế hoạch thống kê, đánh giá tỉ trọng đóng góp của công nghệ sinh học phục vụ phát triển kinh tế - xã hội tại tỉnh An Giang',
      lead: ['Cục thống kê tỉnh'],
      leadAgencies: ['CTK'],
      coordinating: ['- Sở Khoa học và Công nghệ;', ...COORD_LQ_HUYEN, '- Các tổ chức khoa học và công nghệ.'],
      coordinatingAgencies: ['SKHCN', 'SNLQ', 'UBND_HUYEN', 'TCKHCN'],
      // The plan leaves this cell empty; the yearly report date still applies.
      timeline: '',
    },
    {
      code: 'III.1.1',
      parent: 'III.1',
      content:
        'Xây dựng đề án/kế hoạch phát triển công nghiệp sinh học thành ngành kinh tế - kỹ thuật lĩnh vực nông nghiệp trên địa bàn tỉnh An Giang, trên cơ sở triển khai thực hiện Quyết định số 429/QĐ-TTg ngày 24/3/2021 của Thủ tướng Chính phủ về việc phê duyệt đề án phát triển công nghiệp sinh học ngành nông nghiệp đến năm 2030',
      lead: ['Sở Nông nghiệp và Phát triển nông thôn'],
      leadAgencies: ['SNNPTNT'],
      coordinating: III_1_COORD,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCCTXH', 'TCKHCN'],
      timeline: III_1_TIMELINE,
    },
    {
      code: 'III.1.2',
      parent: 'III.1',
      content:
        'Xây dựng đề án/kế hoạch phát triển công nghiệp sinh học thành ngành kinh tế - kỹ thuât lĩnh vực công thương trên địa bàn tỉnh An Giang, trên cơ sở triển khai thực hiện Quyết định số 1600/QĐ-TTg ngày 22/9/2021 của Thủ tướng Chính phủ về việc phê duyệt đề án phát triển công nghiệp sinh học ngành công thương đến năm 2030',
      lead: ['Sở Công Thương'],
      leadAgencies: ['SCT'],
      coordinating: III_1_COORD,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCCTXH', 'TCKHCN'],
      timeline: III_1_TIMELINE,
    },
    {
      code: 'III.1.3',
      parent: 'III.1',
      content:
        'Xây dựng đề án/kế hoạch phát triển công nghiệp sinh học thành ngành kinh tế - kỹ thuật lĩnh vực y tế trên địa bàn tỉnh An Giang',
      lead: ['Sở Y tế'],
      leadAgencies: ['SYT'],
      coordinating: III_1_COORD,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCCTXH', 'TCKHCN'],
      timeline: III_1_TIMELINE,
    },
    {
      code: 'III.1.4',
      parent: 'III.1',
      content: 'Xây dựng đề án/kế hoạch phát triển công nghiệp sinh học lĩnh vực bảo vệ môi trường trên địa bàn tỉnh',
      lead: ['Sở Tài nguyên và Môi trường'],
      leadAgencies: ['STNMT'],
      coordinating: III_1_COORD,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCCTXH', 'TCKHCN'],
      timeline: III_1_TIMELINE,
    },
    {
      code: 'III.1.5',
      parent: 'III.1',
      content:
        'Xây dựng đề án/kế hoạch phát triển các sản phẩm công nghệ sinh học đặc thù phục vụ an ninh trong tình hình mới tại An Giang',
      lead: ['Công an tỉnh'],
      leadAgencies: ['CAT'],
      coordinating: III_1_COORD,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCCTXH', 'TCKHCN'],
      timeline: III_1_TIMELINE,
    },
    {
      code: 'III.2',
      content:
        'Hoàn thiện, phát triển thị trường khoa học công nghệ, đẩy mạnh thương mại hóa kết quả nghiên cứu khoa học công nghệ, hỗ trợ doanh nghiệp công nghệ sinh học nâng cao năng lực tiếp cận công nghệ mới, sở hữu trí tuệ, chuyển giao công nghệ từ nước ngoài để phục vụ sản xuất và đời sống',
      lead: SKHCN_LEAD,
      leadAgencies: ['SKHCN'],
      coordinating: COORD_LQ_HUYEN_CTXH_KHCN,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCCTXH', 'TCKHCN'],
      timeline: 'Hàng năm',
    },
    {
      code: 'III.3.1',
      content:
        'Tiếp tục tham mưu UBND tỉnh triển khai thực hiện Quyết định số 1761/QĐ-TTg ngày 28/9/2015 của Thủ tướng về phê duyệt Chương trình bảo tổn và sử dụng bền vững nguồn gen đến năm 2025, định hướng đến năm 2030',
      lead: SKHCN_LEAD,
      leadAgencies: ['SKHCN'],
      coordinating: COORD_LQ_HUYEN_CTXH_KHCN,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCCTXH', 'TCKHCN'],
      timeline: 'Hàng năm',
    },
    {
      code: 'III.3.2',
      content: 'Xây dựng Chương trình bảo tồn và sử dụng bền vững nguồn gen giai đoạn 2026 - 2030 trên địa bàn tỉnh An Giang.',
      lead: SKHCN_LEAD,
      leadAgencies: ['SKHCN'],
      coordinating: COORD_LQ_HUYEN_CTXH_KHCN,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCCTXH', 'TCKHCN'],
      timeline: AFTER_PM_ANNUAL,
    },
    {
      code: 'III.4',
      content:
        'Hỗ trợ doanh nghiệp công nghệ sinh học nâng cao năng lực tiếp cận công nghệ mới, sở hữu trí tuệ; xây dựng thương hiệu, thương mại hóa sản phẩm; quan tâm sử dụng hiệu quả các phát minh, sáng chế công nghệ sinh học được chuyển giao trong công nghiệp sinh học.',
      lead: SKHCN_LEAD,
      leadAgencies: ['SKHCN'],
      coordinating: COORD_LQ_HUYEN_KHCN,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCKHCN'],
      timeline: 'Hàng năm',
    },
    {
      code: 'IV.1',
      content:
        'Xây dựng Đề án/Kế hoạch đào tạo nguồn nhân lực chất lượng cao phục vụ phát triển công nghệ cao, công nghệ sinh học trên địa bàn tỉnh',
      lead: ['Sở Giáo dục và Đào tạo'],
      leadAgencies: ['SGDDT'],
      coordinating: [...COORD_LQ_HUYEN_CTXH, '- Cơ sở giáo dục đào tạo.'],
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCCTXH', 'CSGDDT'],
      // Merged across IV.1–IV.2 in the source.
      timeline: AFTER_PM_ANNUAL,
    },
    {
      code: 'IV.2',
      content:
        'Xây dựng Đề án/Kế hoạch hỗ trợ đầu tư nâng cao năng lực nghiên cứu làm chủ công nghệ; ươm tạo doanh nghiệp nghiên cứu, sản xuất sản phẩm công nghệ quy mô công nghiệp',
      lead: SKHCN_LEAD,
      leadAgencies: ['SKHCN'],
      coordinating: [
        '- UBND các huyện, thị xã, thành phố;',
        '- Trường Đại học, cao đẳng trên địa bàn tỉnh;',
        '- Các cơ sở giáo dục nghề nghiệp và doanh nghiệp.',
      ],
      coordinatingAgencies: ['UBND_HUYEN', 'DHCD', 'CSGDNN', 'DN'],
      timeline: AFTER_PM_ANNUAL,
    },
    {
      code: 'IV.3',
      content:
        'Đầu tư nguồn lực phát triển và ứng dụng công nghệ sinh học (ngân sách nhà nước chủ yếu đầu tư nâng cao năng lực nghiên cứu làm chủ công nghệ mới, công nghệ ưu tiên trong lĩnh vực công nghệ sinh học, phát triển sản phẩm công nghệ sinh học có lợi thế); tăng cường tiềm lực, đầu tư cơ sở vật chất kỹ thuật, trang thiết bị Trung tâm công nghệ sinh học về phục vụ phát triển công nghiệp sinh học trên địa bàn tỉnh',
      lead: SKHCN_LEAD,
      leadAgencies: ['SKHCN'],
      coordinating: COORD_LQ_HUYEN_CTXH_KHCN,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCCTXH', 'TCKHCN'],
      timeline: 'Hàng năm',
    },
    {
      code: 'IV.4',
      content:
        'Tạo lập môi trường thuận lợi để thúc đẩy, hỗ trợ quá trình hình thành hệ sinh thái khởi nghiệp đổi mới sáng tạo; hỗ trợ, phát triển các cơ sở ươm tạo công nghệ, ươm tạo doanh nghiệp; hỗ trợ các doanh nghiệp nâng cao năng lực khoa học công nghệ, đổi mới sáng tạo, hiện đại hóa công nghệ, thiết bị',
      lead: SKHCN_LEAD,
      leadAgencies: ['SKHCN'],
      coordinating: ['- Các sở, ngành liên quan;', '- UBND các huyện, thị xã, thành phố;', '- Tổ chức chính trị, xã hội.'],
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCCTXH'],
      timeline: 'Hàng năm và giai đoạn',
    },
    {
      code: 'IV.5',
      content:
        'Hỗ trợ, hình thành và phát triển các cơ sở ươm tạo công nghệ, ươm tạo doanh nghiệp KH&CN, doanh nghiệp ứng dụng công nghệ sinh học; hỗ trợ doanh nghiệp nâng cao năng lực nghiên cứu, làm chủ công nghệ mới, tiếp nhận, chuyển giao công nghệ sinh học, công nghệ ưu tiên trong lĩnh vực công nghệ sinh học, phát triển sản phẩm sinh học có lợi thế của tỉnh',
      lead: SKHCN_LEAD,
      leadAgencies: ['SKHCN'],
      coordinating: COORD_LQ_HUYEN_CTXH,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCCTXH'],
      timeline: 'Hàng năm và giai đoạn',
    },
    {
      code: 'IV.6',
      content: 'Thu hút các doanh nghiệp phát triển ứng dụng công nghệ sinh học trong nông nghiệp, chế biến theo quy mô tập trung',
      lead: ['Sở Kế hoạch và Đầu tư'],
      leadAgencies: ['SKHDT'],
      coordinating: ['- Các Sở, ngành liên quan;', '- UBND các huyện, thị xã, thành phố; Doanh nghiệp.'],
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'DN'],
      timeline: 'Hàng năm và giai đoạn',
    },
    {
      code: 'V.1',
      content:
        'Tăng cường hợp tác với các Viện, Trường trong nghiên cứu, thử nghiệm công nghệ, trao đổi kinh nghiệm trong lĩnh vực công nghệ sinh học; đẩy mạnh kết nối cung cầu công nghệ để giới thiệu các thành tựu trong lĩnh vực công nghệ sinh học, thúc đẩy phát triển công nghiệp sinh học trên địa bàn tỉnh; tạo điều kiện, hỗ trợ các doanh nghiệp hợp tác và tiếp nhận chuyển giao công nghệ từ nước ngoài và những công nghệ sản xuất sản phẩm mà tỉnh có lợi thế cạnh tranh',
      lead: ['- Sở Khoa học và Công nghệ;', '- Sở Kế hoạch và Đầu tư'],
      leadAgencies: ['SKHCN', 'SKHDT'],
      coordinating: COORD_LQ_HUYEN,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN'],
      timeline: 'Hàng năm',
    },
    {
      code: 'V.2',
      content:
        'Thu hút, khuyến khích các nhà đầu tư tham gia đầu tư trong lĩnh vực công nghệ sinh học. Đặc biệt, ưu tiên các dự án đầu tư xây dựng các khu sản xuất nông nghiệp công nghệ cao, công nghệ sinh học để sản xuất sản phẩm nông sản ở quy mô công nghiệp',
      lead: ['- Sở Khoa học và Công nghệ;', '- Sở Kế hoạch và Đầu tư'],
      leadAgencies: ['SKHCN', 'SKHDT'],
      coordinating: COORD_LQ_HUYEN_CTXH,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCCTXH'],
      timeline: 'Hàng năm và giai đoạn',
    },
    {
      code: 'V.3',
      content:
        'Tăng cường hợp tác quốc tế trong đào tạo nhân lực công nghệ sinh học có trình độ cao. Có chính sách hỗ trợ, tạo điều kiện thuận lợi và khuyến khích cán bộ khoa học và công nghệ của tỉnh tham gia các khóa đào tạo, bồi dưỡng, các hội nghị, hội thảo khoa học quốc tế trong và ngoài nước về công nghệ sinh học',
      lead: SKHCN_LEAD,
      leadAgencies: ['SKHCN'],
      coordinating: [...COORD_LQ_HUYEN, '- Viện, Trường; doanh nghiệp liên quan.'],
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'VIENTRUONG', 'DN'],
      timeline: 'Hàng năm',
    },
    {
      code: 'V.4',
      content:
        'Huy động, sử dụng nguồn vốn tài trợ của các tổ chức, cá nhân trong và ngoài nước đầu tư vào lĩnh vực công nghệ sinh học. Khuyến khích đầu tư vào phát triển công nghiệp chế biến, công nghệ môi trường, phòng chống thiên tai, dịch bệnh',
      lead: ['Các Sở: Công Thương, Nông nghiệp và Phát triển nông thôn, Y tế, Tài nguyên và Môi trường.'],
      leadAgencies: ['SCT', 'SNNPTNT', 'SYT', 'STNMT'],
      coordinating: COORD_LQ_HUYEN_CTXH,
      coordinatingAgencies: ['SNLQ', 'UBND_HUYEN', 'TCCTXH'],
      timeline: 'Hàng năm và giai đoạn',
    },
  ],
};

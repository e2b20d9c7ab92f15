import type { Importance, KnowledgeMap, KnowledgeNode } from '@jianding/itembank';

/**
 * Knowledge map (鉴定要素细目表) of the demo bank: 电工 (6-31-01-03), level 4 (四级/中级工), theory.
 * Modelled on the structure of the national occupational standard for electricians: areas weighted in
 * % of the paper, leaves coded `A-01-001` with importance X (core) / Y (general) / Z (auxiliary).
 */
type Leaf = [code: string, name: string, importance: Importance];

const area = (code: string, name: string, weight: number, children: KnowledgeNode[]): KnowledgeNode => ({
  code,
  name,
  weight,
  children,
});
const points = (...leaves: Leaf[]): KnowledgeNode[] =>
  leaves.map(([code, name, importance]) => ({ code, name, importance }));

export const ELECTRICIAN_L4_MAP: KnowledgeMap = {
  areas: [
    area('A', '基础知识', 30, [
      area(
        'A-01',
        '电工基础',
        40,
        points(
          ['A-01-001', '欧姆定律', 'X'],
          ['A-01-002', '电阻的串联与并联', 'X'],
          ['A-01-003', '电功与电功率', 'X'],
          ['A-01-004', '正弦交流电', 'Y'],
          ['A-01-005', '三相交流电路', 'Y'],
          ['A-01-006', '电磁感应', 'Z'],
          ['A-01-007', '电容与电感', 'Z'],
        ),
      ),
      area(
        'A-02',
        '电子技术基础',
        20,
        points(['A-02-001', '半导体二极管', 'Y'], ['A-02-002', '晶体三极管', 'Y'], ['A-02-003', '整流与滤波电路', 'Z']),
      ),
      area(
        'A-03',
        '电工材料',
        15,
        points(['A-03-001', '导电材料', 'Y'], ['A-03-002', '绝缘材料', 'Y'], ['A-03-003', '磁性材料', 'Z']),
      ),
      area(
        'A-04',
        '电工仪表与测量',
        25,
        points(
          ['A-04-001', '万用表的使用', 'X'],
          ['A-04-002', '兆欧表的使用', 'X'],
          ['A-04-003', '钳形电流表的使用', 'Y'],
          ['A-04-004', '电能表', 'Y'],
        ),
      ),
    ]),
    area('B', '安全知识', 20, [
      area(
        'B-01',
        '安全用电',
        50,
        points(
          ['B-01-001', '安全电压与安全电流', 'X'],
          ['B-01-002', '触电急救', 'X'],
          ['B-01-003', '保护接地与保护接零', 'X'],
          ['B-01-004', '剩余电流动作保护', 'Y'],
        ),
      ),
      area(
        'B-02',
        '电气安全措施',
        50,
        points(
          ['B-02-001', '电气防火与灭火', 'X'],
          ['B-02-002', '电工安全用具', 'Y'],
          ['B-02-003', '安全色与安全标志', 'Y'],
          ['B-02-004', '停电检修安全措施', 'X'],
        ),
      ),
    ]),
    area('C', '电工操作技能相关知识', 40, [
      area(
        'C-01',
        '低压电器',
        30,
        points(
          ['C-01-001', '低压断路器与刀开关', 'X'],
          ['C-01-002', '交流接触器', 'X'],
          ['C-01-003', '热继电器', 'X'],
          ['C-01-004', '熔断器', 'Y'],
          ['C-01-005', '主令电器与控制继电器', 'Y'],
        ),
      ),
      area(
        'C-02',
        '电动机与变压器',
        30,
        points(
          ['C-02-001', '三相异步电动机的结构与原理', 'X'],
          ['C-02-002', '三相异步电动机的启动与调速', 'X'],
          ['C-02-003', '变压器与互感器', 'Y'],
          ['C-02-004', '电动机的运行与维护', 'Z'],
        ),
      ),
      area(
        'C-03',
        '电气控制线路',
        25,
        points(
          ['C-03-001', '点动与自锁控制', 'X'],
          ['C-03-002', '正反转控制', 'X'],
          ['C-03-003', '降压启动控制', 'Y'],
          ['C-03-004', '顺序与多地控制', 'Z'],
        ),
      ),
      area(
        'C-04',
        '照明与配线',
        15,
        points(
          ['C-04-001', '导线选择与电压损失', 'X'],
          ['C-04-002', '照明线路安装', 'Y'],
          ['C-04-003', '导线连接与绝缘恢复', 'Y'],
        ),
      ),
    ]),
    area('D', '相关法律法规与职业道德', 10, [
      area('D-01', '劳动法律法规', 50, points(['D-01-001', '劳动法', 'Y'], ['D-01-002', '劳动合同法', 'Z'])),
      area(
        'D-02',
        '安全生产与电力法规',
        50,
        points(['D-02-001', '安全生产法', 'Y'], ['D-02-002', '电力法', 'Z'], ['D-02-003', '职业道德', 'Y']),
      ),
    ]),
  ],
};
